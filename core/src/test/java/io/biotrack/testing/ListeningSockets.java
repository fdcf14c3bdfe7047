package io.biotrack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets in LISTEN state on this Linux machine, read from {@code /proc/net/tcp} and {@code
 * /proc/net/tcp6} (what {@code ss -ltn} shows), optionally only those a given process holds (its
 * {@code /proc/PID/fd} links {@code socket:[inode]}). Tests check with it that a server is bound to
 * loopback and not to every interface; elsewhere {@link #supported()} is false and they skip.
 */
public final class ListeningSockets {
  private static final Path TCP = Path.of("/proc/net/tcp");
  private static final Path TCP6 = Path.of("/proc/net/tcp6");
  private static final String LISTEN = "0A";

  /** One listening socket: the address it is bound to (0.0.0.0 or :: for every interface). */
  public record Listener(InetAddress address, int port, long inode) {
    @Override
    public String toString() {
      return address.getHostAddress() + ":" + port;
    }
  }

  private ListeningSockets() {}

  public static boolean supported() {
    return Files.isReadable(TCP);
  }

  /** Every listening TCP socket of this network namespace. */
  public static List<Listener> all() {
    List<Listener> found = new ArrayList<>();
    read(TCP, found);
    read(TCP6, found);
    return found;
  }

  /** The listening sockets on {@code port}. */
  public static List<Listener> onPort(int port) {
    return all().stream().filter(l -> l.port() == port).toList();
  }

  /** The listening sockets that process {@code pid} holds open. */
  public static List<Listener> ofProcess(long pid) {
    Set<Long> inodes = socketInodes(pid);
    return all().stream().filter(l -> inodes.contains(l.inode())).toList();
  }

  private static Set<Long> socketInodes(long pid) {
    Set<Long> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (NoSuchFileException closedMeanwhile) {
          // the descriptor was closed while listing
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the descriptors of process " + pid, e);
    }
    return inodes;
  }

  // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
  private static void read(Path table, List<Listener> found) {
    if (!Files.isReadable(table)) {
      return; // no IPv6 on this machine
    }
    try {
      List<String> lines = Files.readAllLines(table);
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (!fields[3].equals(LISTEN)) {
          continue;
        }
        String[] local = fields[1].split(":");
        found.add(
            new Listener(
                address(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(fields[9])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table, e);
    }
  }

  /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
  private static InetAddress address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = (word * 4 + 3 - i) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + hex, e);
    }
  }
}
