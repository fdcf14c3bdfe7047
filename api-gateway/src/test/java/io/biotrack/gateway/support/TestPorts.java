package io.biotrack.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A free loopback port and a data directory under target/ for one test application context. */
public final class TestPorts {
  private TestPorts() {}

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path newDataDir() {
    try {
      Path base = Files.createDirectories(Path.of("target", "it-data"));
      return Files.createTempDirectory(base, "gateway-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
