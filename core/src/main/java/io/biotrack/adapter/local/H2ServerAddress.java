package io.biotrack.adapter.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.h2.engine.SysProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded database's TCP server (AUTO_SERVER, through which worker processes reach
 * the database the gateway opened) on the loopback interface.
 *
 * <p>H2 2.3 has no database-URL setting for that address. {@code AUTO_SERVER} starts a {@code
 * TcpServer} ({@code Database.startServer}) whose socket comes from {@code
 * NetUtils.createServerSocket}, which binds {@code SysProperties.BIND_ADDRESS}: the JVM-wide
 * system property {@code h2.bindAddress}, read once, when H2's {@code SysProperties} class
 * loads. Unset, H2 listens on every interface and writes the host's own address into the {@code
 * .lock.db} file for the other processes; set to 127.0.0.1, it listens there and writes {@code
 * localhost}. So {@link #bindToLoopback()} runs before Biotrack first touches H2, and {@link
 * #requireLoopback()} refuses to open the database if something loaded H2 earlier without it.
 * The property being JVM-wide is no loss: a Biotrack process has no other H2 server, and none that
 * other hosts should reach.
 */
final class H2ServerAddress {
  static final String PROPERTY = "h2.bindAddress";
  /** Not {@code localhost}, which may resolve to ::1 only; IPv4 loopback exists everywhere. */
  static final String LOOPBACK = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(H2ServerAddress.class);

  private H2ServerAddress() {}

  /** Sets {@code h2.bindAddress}; must run before H2's {@code SysProperties} class loads. */
  static void bindToLoopback() {
    String before = System.setProperty(PROPERTY, LOOPBACK);
    if (before != null && !before.equals(LOOPBACK)) {
      log.warn("ignoring {}={}: the embedded database listens on {} only", PROPERTY, before, LOOPBACK);
    }
  }

  /** @throws LocalStorageException if H2 took another address (it was loaded before Biotrack) */
  static void requireLoopback() {
    String bound = SysProperties.BIND_ADDRESS;
    if (!isLoopback(bound)) {
      throw new LocalStorageException(
          "the embedded database would listen on " + (bound == null ? "every interface" : bound)
              + ": H2 was loaded before Biotrack set " + PROPERTY + "=" + LOOPBACK
              + "; start the JVM with -D" + PROPERTY + "=" + LOOPBACK,
          null);
    }
  }

  private static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
