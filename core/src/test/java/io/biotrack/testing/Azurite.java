package io.biotrack.testing;

import io.biotrack.adapter.StorageSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The Azure Storage emulator for integration tests, shared by every module (core's test-jar).
 *
 * <ol>
 *   <li>If {@code BIOTRACK_TEST_AZURITE} is set (a connection string; {@code scripts/test} and
 *       {@code .ci/run} set it), that Azurite is used.
 *   <li>Otherwise {@code .tools/azurite/node_modules/.bin/azurite}, found by walking up from the
 *       working directory, is started once per JVM on free loopback ports (in memory, no telemetry)
 *       and stopped when the JVM exits.
 *   <li>Otherwise the test fails and says to run {@code scripts/test}. Tests never skip.
 * </ol>
 *
 * <pre>{@code
 * StorageSettings azure = Azurite.settings();          // unique table, containers and queue
 * try (StorageAdapters storage = StorageAdapters.open(azure)) { ... }
 * }</pre>
 *
 * Another module gets it (and the contract suites) with the test-jar, in {@code *IT} tests:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.biotrack</groupId><artifactId>biotrack-core</artifactId>
 *   <type>test-jar</type><scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * A child process (a worker under test) can be pointed at the same Azurite with {@code
 * BIOTRACK_STORAGE=azure} and {@code BIOTRACK_AZURE_CONNECTION_STRING=}{@link #connectionString()}
 * plus the names from {@link #settings()}.
 */
public final class Azurite {
  public static final String ENV = "BIOTRACK_TEST_AZURITE";

  /** Azurite's well-known development account; not a secret. */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static String connectionString;

  private Azurite() {}

  /** A connection string for the running Azurite, starting one if needed. */
  public static synchronized String connectionString() {
    if (connectionString == null) {
      String given = System.getenv(ENV);
      connectionString = given != null && !given.isBlank() ? given.trim() : start();
    }
    return connectionString;
  }

  /**
   * Azure storage settings for this Azurite with a table, containers and queue that no other test
   * class uses (Azurite is shared by every test JVM of a build).
   */
  public static StorageSettings settings() {
    String suffix = uniqueSuffix();
    return StorageSettings.azure(connectionString())
        .withNames("jobs" + suffix, "uploads-" + suffix, "results-" + suffix, "jobs-" + suffix);
  }

  /** 12 random lower-case letters and digits, valid in table, container and queue names. */
  public static String uniqueSuffix() {
    return "t"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toLowerCase(Locale.ROOT);
  }

  private static String start() {
    Path executable = findExecutable();
    try {
      int blob = freePort();
      int queue = freePort();
      int table = freePort();
      Path data = Files.createTempDirectory("biotrack-azurite");
      List<String> command =
          new ArrayList<>(
              List.of(
                  // In memory: nothing to clean up; Azurite refuses --location together with it.
                  executable.toString(),
                  "--silent",
                  "--inMemoryPersistence",
                  "--blobHost",
                  "127.0.0.1",
                  "--blobPort",
                  Integer.toString(blob),
                  "--queueHost",
                  "127.0.0.1",
                  "--queuePort",
                  Integer.toString(queue),
                  "--tableHost",
                  "127.0.0.1",
                  "--tablePort",
                  Integer.toString(table),
                  "--disableTelemetry",
                  "--skipApiVersionCheck"));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .directory(data.toFile())
              .redirectOutput(data.resolve("azurite.out").toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "azurite-stop"));
      waitForPorts(process, data, blob, queue, table);
      return "DefaultEndpointsProtocol=http;AccountName="
          + ACCOUNT
          + ";AccountKey="
          + ACCOUNT_KEY
          + ";BlobEndpoint=http://127.0.0.1:"
          + blob
          + "/"
          + ACCOUNT
          + ";QueueEndpoint=http://127.0.0.1:"
          + queue
          + "/"
          + ACCOUNT
          + ";TableEndpoint=http://127.0.0.1:"
          + table
          + "/"
          + ACCOUNT
          + ";";
    } catch (IOException e) {
      throw new IllegalStateException("could not start Azurite from " + executable, e);
    }
  }

  private static Path findExecutable() {
    Path relative = Path.of(".tools", "azurite", "node_modules", ".bin", "azurite");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Azurite is needed for this test and was not found: set "
            + ENV
            + " to a connection "
            + "string, or run the tests with scripts/test (it installs Azurite into .tools/ and "
            + "starts it)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void waitForPorts(Process process, Path data, int... ports) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int port : ports) {
      while (!accepts(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          stop(process);
          throw new IllegalStateException(
              "Azurite did not start: " + Files.readString(data.resolve("azurite.out")));
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while starting Azurite", e);
        }
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
