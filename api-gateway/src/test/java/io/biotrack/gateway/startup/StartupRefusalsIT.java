package io.biotrack.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.gateway.support.GatewayProcess;
import io.biotrack.gateway.support.TestContexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up conflicts as a user meets them, with the gateway jar that {@code ./biotrack up} runs:
 * a port that is taken, and a second platform on a data directory a running one holds. Each must
 * exit non-zero with one or two lines on standard error that name the cause, not Spring's
 * "APPLICATION FAILED TO START" banner or a stack trace (before: 24 and 45 lines, the second's
 * cause after a "Caused by:"). One running platform provides both conflicts.
 */
class StartupRefusalsIT {
  static Path dataDir;
  static Path logs;
  static int runningPort;
  static GatewayProcess running;

  @BeforeAll
  static void up() {
    dataDir = TestContexts.newDataDir();
    logs = dataDir.resolveSibling(dataDir.getFileName() + "-logs");
    runningPort = TestContexts.freePort();
    running = GatewayProcess.start(dataDir, runningPort, Map.of(), logs, "running").awaitReady();
  }

  @AfterAll
  static void down() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void aBusyPortIsRefusedInOneLineThatNamesIt() {
    GatewayProcess refused =
        GatewayProcess.start(TestContexts.newDataDir(), runningPort, Map.of(), logs, "busy-port");

    assertThat(refused.awaitExit()).isNotZero();
    assertThat(lines(refused.stderr()))
        .hasSizeBetween(1, 2)
        .first()
        .asString()
        .startsWith("biotrack: cannot start: port " + runningPort + " is already in use");
    assertNoBannerNorStackTrace(refused);
  }

  @Test
  void aSecondPlatformOnTheSameDataDirectoryIsRefusedAndNamesTheRunningOne() {
    // On the same port too: the data directory is the conflict to name, so it is checked first.
    for (int port : new int[] {TestContexts.freePort(), runningPort}) {
      GatewayProcess refused = GatewayProcess.start(dataDir, port, Map.of(), logs, "same-data-" + port);

      assertThat(refused.awaitExit()).isNotZero();
      assertThat(lines(refused.stderr()))
          .hasSizeBetween(1, 2)
          .first()
          .asString()
          .startsWith(
              "biotrack: cannot start: another Biotrack is already running on the data directory "
                  + dataDir)
          .contains("process " + running.handle().pid())
          .contains("http://127.0.0.1:" + runningPort);
      assertNoBannerNorStackTrace(refused);
    }
  }

  private static List<String> lines(String text) {
    return text.lines().filter(line -> !line.isBlank()).toList();
  }

  private static void assertNoBannerNorStackTrace(GatewayProcess refused) {
    for (String text : List.of(refused.stdout(), refused.stderr())) {
      assertThat(text)
          .doesNotContain("APPLICATION FAILED TO START")
          .doesNotContain("Caused by:")
          .doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(");
    }
  }
}
