package io.biotrack.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -jar biotrack-worker.jar run-job} as the launchers run it: a real child JVM per
 * attempt, configured only by its environment, against Azurite and the local adapters (whose H2
 * database the test process and the worker share).
 */
class JobProcessIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"azure", "local"})
  void aKilledWorkerIsRetriedAndTheNewAttemptResumesFromTheCheckpoint(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.launching(storage, 3); // 18 uploads, 15 images
      int total = 18;

      // Attempt 1 is killed (SIGKILL) once it has checkpointed a few images.
      Process first = start(settings, job.id(), 1, tmp.resolve("attempt1.log"));
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
          .until(() -> checkpointed(storage.blobStore(), job.id()) >= 4);
      Job running = storage.jobStore().get(JobFixture.TENANT, job.id());
      assertThat(running.status()).isEqualTo(JobStatus.PROCESSING);
      assertThat(running.counts().processedCount()).as("progress is written").isPositive();
      first.destroyForcibly();
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      int saved = checkpointed(storage.blobStore(), job.id());
      assertThat(saved).isBetween(4, total - 1);

      // The operator retries: PROCESSING → LAUNCHING with attempt 2.
      storage.jobStore().transition(JobFixture.TENANT, job.id(), JobStatus.PROCESSING,
          JobStatus.LAUNCHING, null, Clock.systemUTC(), j -> j.withAttempt(2));

      // A late copy of attempt 1 does nothing.
      Process stale = start(settings, job.id(), 1, tmp.resolve("stale.log"));
      assertThat(stale.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(stale.exitValue()).isEqualTo(WorkerExitCodes.STALE_ATTEMPT);
      assertThat(storage.jobStore().get(JobFixture.TENANT, job.id()).status()).isEqualTo(JobStatus.LAUNCHING);

      // Attempt 2 resumes and completes.
      Process second = start(settings, job.id(), 2, tmp.resolve("attempt2.log"));
      assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(tmp.resolve("attempt2.log"));
      assertThat(second.exitValue()).as(log).isEqualTo(WorkerExitCodes.SUCCESS);
      assertThat(log).contains("resuming from the checkpoint: " + saved + " images already done");

      Job done = storage.jobStore().get(JobFixture.TENANT, job.id());
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.attempt()).isEqualTo(2);
      assertThat(done.counts().processedCount()).isEqualTo(total);
      assertThat(done.counts().failedCount()).isEqualTo(3);
      try (InputStream in = storage.blobStore().open(BlobContainer.RESULTS, BlobNames.results(job.id()))) {
        BatchResults results = ResultsJson.read(in);
        assertThat(results.images()).hasSize(total);
        assertThat(results.images()).filteredOn(ImageResult::failed).hasSize(3);
      }
      assertThat(storage.blobStore().exists(BlobContainer.RESULTS, BlobNames.checkpoint(job.id()))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void missingVariablesExitWith2(String kind) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("bad.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BIOTRACK_"));
    builder.environment().put("BIOTRACK_STORAGE", kind);

    Process process = builder.start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(WorkerExitCodes.BAD_CONFIGURATION);
    assertThat(Files.readString(tmp.resolve("bad.log")))
        .contains("BIOTRACK_JOB_ID is not set")
        .contains("BIOTRACK_MODEL is not set");
  }

  private static List<String> command() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("biotrack.workerJar", "target/biotrack-worker.jar"), "run-job");
  }

  private static Process start(StorageSettings settings, String jobId, int attempt, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BIOTRACK_"));
    builder.environment().putAll(JobFixture.environment(settings, jobId, attempt));
    return builder.start();
  }

  private static int checkpointed(BlobStore blobs, String jobId) {
    String name = BlobNames.checkpoint(jobId);
    if (!blobs.exists(BlobContainer.RESULTS, name)) {
      return 0;
    }
    try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
      return Checkpoint.read(in).checkpoint().size();
    } catch (IOException | RuntimeException e) {
      return 0; // replaced between exists and open
    }
  }
}
