package io.biotrack.gateway.support;

import io.biotrack.gateway.api.GatewayApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What one embedded test application context needs: a free loopback port (fixed before start, so
 * signed URLs name it) and a data directory under target/.
 */
public final class TestContexts {
  private TestContexts() {}

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The embedded profile on {@code port} with data in {@code dataDir}, the two test tenants' keys,
   * no dispatcher; for the sweeper, see each test.
   */
  public static void registerEmbedded(DynamicPropertyRegistry registry, int port, Path dataDir) {
    registry.add("server.port", () -> port);
    registry.add("BIOTRACK_DATA_DIR", dataDir::toString);
    registry.add("biotrack.gateway.api-keys", GatewayApiContract::apiKeysSetting);
    // These tests play the dispatcher and the worker themselves (WorkerSteps); the embedded
    // platform with its real dispatcher is tested in EmbeddedPlatformIT and in e2e/.
    registry.add("biotrack.embedded.dispatcher", () -> "false");
    registry.add("biotrack.gateway.start-upload-wait", () -> "2s");
    registry.add("biotrack.gateway.max-files", () -> "100");
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
