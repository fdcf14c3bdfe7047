package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded mode runs workers as child JVMs: while the parent holds the H2 database open, a child
 * opening the same data directory must reach it (AUTO_SERVER) and its writes must be visible.
 */
class LocalCrossProcessIT {
  @TempDir Path dataDir;

  @Test
  void aChildProcessSharesTheDatabaseAndBlobsWithItsParent() throws Exception {
    String tenant = "t";
    String jobId = JobIds.system().next();
    Clock clock = Clock.systemUTC();
    try (StorageAdapters parent = StorageAdapters.open(StorageSettings.local(dataDir))) {
      parent.jobStore().create(Job.newPending(jobId, tenant, "x", 2, JobOptions.DEFAULTS, Instant.now()));
      parent.jobStore().transition(tenant, jobId, JobStatus.PENDING, JobStatus.QUEUED, null, clock, j -> j);
      parent.jobStore().transition(tenant, jobId, JobStatus.QUEUED, JobStatus.LAUNCHING, null, clock,
          j -> j.withAttempt(1));

      ProcessBuilder child =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp", System.getProperty("java.class.path"),
                      ChildProcessWorker.class.getName()))
              .redirectErrorStream(true);
      child.environment().put("BIOTRACK_STORAGE", "local");
      child.environment().put("BIOTRACK_DATA_DIR", dataDir.toString());
      child.environment().put("BIOTRACK_TENANT", tenant);
      child.environment().put("BIOTRACK_JOB_ID", jobId);
      Process process = child.start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();

      Job done = parent.jobStore().get(tenant, jobId);
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.counts()).isEqualTo(new JobCounts(2, 2, 0, 5));
      assertThat(done.startedAt()).isNotNull();
      assertThat(parent.blobStore().exists(BlobContainer.RESULTS, BlobNames.results(jobId))).isTrue();
      // The parent still works after the child closed its connection.
      assertThat(parent.jobStore().delete(tenant, jobId)).isTrue();
    }
  }

  @Test
  void aCommitSurvivesTheCrashOfTheProcessThatMadeIt() throws Exception {
    String jobId = JobIds.system().next();
    ProcessBuilder child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    CrashingWriter.class.getName(), jobId))
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
