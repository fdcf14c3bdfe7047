package io.biotrack.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -jar biotrack-worker.jar run-job} as the launchers run it: a real child JVM per
 * attempt at a shard, configured only by its environment, against Azurite and the local blobs.
 */
class JobProcessIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"azure", "local"})
  void aKilledWorkerIsRetriedAndTheNewAttemptResumesFromTheCheckpoint(String kind)
      throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 3); // 18 uploads, 15 images
      int total = 18;
      BlobStore blobs = storage.blobStore();

      // Attempt 1 is killed (SIGKILL) once it has checkpointed a few images.
      Process first = start(settings, JobFixture.whole(job, 1), tmp.resolve("attempt1.log"));
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> checkpointed(blobs, job.id()) >= 4);
      assertThat(progress(blobs, job.id()).processed()).as("progress is written").isPositive();
      first.destroyForcibly();
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      int saved = checkpointed(blobs, job.id());
      assertThat(saved).isBetween(4, total - 1);

      // Attempt 2 resumes and completes.
      Process second = start(settings, JobFixture.whole(job, 2), tmp.resolve("attempt2.log"));
      assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(tmp.resolve("attempt2.log"));
      assertThat(second.exitValue()).as(log).isEqualTo(WorkerExitCodes.SUCCESS);
      assertThat(log).contains("resuming from the checkpoint: " + saved + " images already done");

      ShardProgress done = progress(blobs, job.id());
      assertThat(done.complete()).isTrue();
      assertThat(done.attempt()).isEqualTo(2);
      assertThat(done.processed()).isEqualTo(total);
      assertThat(done.failed()).isEqualTo(3);
      try (InputStream in = blobs.open(BlobContainer.RESULTS, ShardNames.results(job.id(), 0))) {
        BatchResults results = ResultsJson.read(in);
        assertThat(results.images()).hasSize(total);
        assertThat(results.images()).filteredOn(ImageResult::failed).hasSize(3);
      }
      assertThat(blobs.exists(BlobContainer.RESULTS, ShardNames.checkpoint(job.id(), 0))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void aStoppedWorkerSavesItsCheckpoint(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 3);
      Map<String, String> env = JobFixture.environment(settings, JobFixture.whole(job, 1));
      env.put("BIOTRACK_CHECKPOINT_EVERY", "1000"); // only the stop saves
      Process worker = start(env, tmp.resolve("stopped.log"));
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> progress(storage.blobStore(), job.id()).processed() >= 3);

      worker.destroy(); // SIGTERM, as Ctrl-C of ./biotrack up or a deleted Pod sends

      assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(checkpointed(storage.blobStore(), job.id())).isGreaterThanOrEqualTo(3);
      // A stop, which the dispatcher tells apart from a failure by the exit code, and says so.
      assertThat(WorkerExitCodes.stopped(worker.exitValue()))
          .as("exit " + worker.exitValue())
          .isTrue();
      assertThat(Files.readString(tmp.resolve("stopped.log")))
          .contains(
              "job "
                  + job.id()
                  + " shard 0 attempt 1: stopped; its checkpoint is saved and"
                  + " the next attempt resumes from it");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void withJsonLogsEveryLineIsAJsonObjectNamingTheJob(String kind) throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Job job = JobFixture.started(storage, 1); // a broken upload among them: a WARN line too
      Map<String, String> env = JobFixture.environment(settings, JobFixture.whole(job, 1));
      env.put("BIOTRACK_LOG_FORMAT", "json");
      Process worker = start(env, tmp.resolve("json.log"));

      assertThat(worker.waitFor(240, TimeUnit.SECONDS)).isTrue();
      List<String> lines = Files.readAllLines(tmp.resolve("json.log"));
      assertThat(worker.exitValue())
          .as(String.join("\n", lines))
          .isEqualTo(WorkerExitCodes.SUCCESS);
      assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
      ObjectMapper json = new ObjectMapper();
      for (String line : lines) {
        JsonNode event = json.readTree(line); // throws on a line that is not JSON
        assertThat(event.isObject()).as(line).isTrue();
        assertThat(event.path("jobId").asText()).as(line).isEqualTo(job.id());
        assertThat(event.path("tenant").asText()).as(line).isEqualTo(job.tenant());
        assertThat(event.path("level").asText()).as(line).isIn("INFO", "WARN", "ERROR");
        assertThat(event.has("@timestamp") && event.has("message") && event.has("logger_name"))
            .as(line)
            .isTrue();
      }
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("completed"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void missingVariablesExitWith2(String kind) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("bad.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BIOTRACK_"));
    builder.environment().put("BIOTRACK_STORAGE", kind);

    Process process = builder.start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(WorkerExitCodes.BAD_CONFIGURATION);
    assertThat(Files.readString(tmp.resolve("bad.log")))
        .contains("BIOTRACK_JOB_ID is required")
        .contains("BIOTRACK_MODEL is required");
  }

  private static List<String> command() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar",
        System.getProperty("biotrack.workerJar", "target/biotrack-worker.jar"),
        "run-job");
  }

  private static Process start(StorageSettings settings, ShardTask task, Path log)
      throws IOException {
    return start(JobFixture.environment(settings, task), log);
  }

  private static Process start(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BIOTRACK_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static ShardProgress progress(BlobStore blobs, String jobId) {
    try (InputStream in = blobs.open(BlobContainer.RESULTS, ShardNames.progress(jobId, 0))) {
      return ShardProgress.parse(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      return new ShardProgress(1, 0, 0, 0, 0, false); // not written yet
    }
  }

  private static int checkpointed(BlobStore blobs, String jobId) {
    String name = ShardNames.checkpoint(jobId, 0);
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
