package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database belongs to one process, the platform's: workers use blobs only. A second
 * process is refused in a sentence while the first holds the file (before, H2's AUTO_SERVER let it
 * in, and with it H2's shutdown hook closed the database under requests in flight), and gets in
 * once the first closed it. A commit survives the crash of the process that made it.
 */
class LocalCrossProcessIT {
  @TempDir Path dataDir;

  @Test
  void aSecondProcessIsRefusedWhileTheFirstHoldsTheDatabaseAndGetsInAfterItClosed()
      throws Exception {
    String jobId = JobIds.system().next();
    try (StorageAdapters first = StorageAdapters.open(StorageSettings.local(dataDir))) {
      first
          .jobStore()
          .create(Job.newPending(jobId, "t", "x", 2, JobOptions.DEFAULTS, Instant.now()));

      Opened second = openInAnotherProcess();

      assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
      assertThat(second.output())
          .contains("the database in " + dataDir.resolve("db").toAbsolutePath())
          .contains("is open in another process");
      assertThat(first.jobStore().find("t", jobId)).as("the first goes on").isPresent();
    }

    Opened after = openInAnotherProcess();
    assertThat(after.exitCode()).as(after.output()).isZero();
  }

  private record Opened(int exitCode, String output) {}

  private Opened openInAnotherProcess() throws Exception {
    ProcessBuilder child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    OpensTheDatabase.class.getName()))
            .redirectErrorStream(true);
    child.environment().put("BIOTRACK_STORAGE", "local");
    child.environment().put("BIOTRACK_DATA_DIR", dataDir.toString());
    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Opened(process.exitValue(), output);
  }

  @Test
  void aCommitSurvivesTheCrashOfTheProcessThatMadeIt() throws Exception {
    String jobId = JobIds.system().next();
    ProcessBuilder child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrashingWriter.class.getName(),
                    jobId))
            .redirectErrorStream(true);
    child.environment().put("BIOTRACK_STORAGE", "local");
    child.environment().put("BIOTRACK_DATA_DIR", dataDir.toString());
    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(9);

    try (StorageAdapters after = StorageAdapters.open(StorageSettings.local(dataDir))) {
      assertThat(after.jobStore().find("t", jobId)).isPresent();
    }
  }
}
