package io.biotrack.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.worker.PatchedJpeg;
import io.biotrack.worker.TestData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reliability review's case in job mode: {@code run-job} as a real process with the worker
 * image's JVM flags ({@code -Xmx300m -XX:+ExitOnOutOfMemoryError}, as {@code
 * BIOTRACK_WORKER_JAVA_OPTS} gives them), on a job of two good photos and the 4 KB JPEG that claims
 * 14000×12000 pixels.
 */
class JobMemoryIT {
  private static final List<String> WORKER_IMAGE_JVM =
      List.of("-Xmx300m", "-XX:+ExitOnOutOfMemoryError");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void anImageTooLargeForTheHeapIsAFailureEntryAndTheFirstAttemptCompletes(String kind)
      throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Map<String, ImageResult> expected = goodPhotosAlone(settings, storage);
      Job job = JobFixture.started(storage, files(true));

      Run run = start(settings, JobFixture.whole(job, 1), WORKER_IMAGE_JVM);

      assertThat(run.exit()).as(run.log()).isEqualTo(WorkerExitCodes.SUCCESS);
      assertThat(run.log()).contains("cam/b.jpg: image access failure (needs 514 MB to decode");
      ShardProgress done = progress(storage, job.id());
      assertThat(done.complete()).isTrue();
      assertThat(done.failed()).isEqualTo(1);
      assertResults(storage, job.id(), "cam/b.jpg", expected);
    }
  }

  /**
   * The culprit sorts first so that no forward pass runs when the JVM exits (see {@code
   * DetectMemoryIT}: otherwise libtorch may crash during the exit, code 134 instead of 3).
   */
  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void anAttemptThatRunsOutOfMemoryExits3AndTheNextAttemptRecordsTheImageAsAFailure(String kind)
      throws Exception {
    StorageSettings settings = JobFixture.settings(kind, tmp);
    try (StorageAdapters storage = StorageAdapters.open(settings)) {
      Map<String, ImageResult> expected = goodPhotosAlone(settings, storage);
      Map<String, byte[]> files = files(false);
      // Progressive: decoded whole (a baseline JPEG is letterboxed line by line and would not die).
      files.put("cam/0-huge.jpg", PatchedJpeg.progressive());
      Job job = JobFixture.started(storage, files);
      // A budget far beyond the 300 MB heap admits the 504 MB decode, which then dies for real.
      List<String> jvm = new ArrayList<>(WORKER_IMAGE_JVM);
      jvm.add("-Dbiotrack.decodeBudgetMb=2000");

      Run first = start(settings, JobFixture.whole(job, 1), jvm);

      assertThat(first.exit()).as(first.log()).isEqualTo(WorkerExitCodes.OUT_OF_MEMORY);
      assertThat(storage.blobStore().exists(BlobContainer.RESULTS, ShardNames.results(job.id(), 0)))
          .as("the shard is left for the dispatcher to retry")
          .isFalse();
      try (InputStream in =
          storage.blobStore().open(BlobContainer.RESULTS, ShardNames.checkpoint(job.id(), 0))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .contains("\"decoding\": \"cam/0-huge.jpg\"");
      }

      // The dispatcher retries the shard with attempt 2.
      Run second = start(settings, JobFixture.whole(job, 2), jvm);

      assertThat(second.exit()).as(second.log()).isEqualTo(WorkerExitCodes.SUCCESS);
      assertThat(second.log())
          .contains(
              "cam/0-huge.jpg: image access failure (the worker died while"
                  + " decoding this image in an earlier attempt)");
      ShardProgress done = progress(storage, job.id());
      assertThat(done.complete()).isTrue();
      assertThat(done.processed()).isEqualTo(3);
      assertThat(done.failed()).isEqualTo(1);
      assertResults(storage, job.id(), "cam/0-huge.jpg", expected);
    }
  }

  private static Map<String, byte[]> files(boolean withBadOne) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("cam/a.jpg", Files.readAllBytes(TestData.samples().resolve("sample-cfz-01.jpg")));
    if (withBadOne) {
      files.put("cam/b.jpg", PatchedJpeg.review());
    }
    files.put("cam/c.jpg", Files.readAllBytes(TestData.samples().resolve("sample-dzf-01.jpg")));
    return files;
  }

  /** The results of a job of the two good photos only, run without memory flags. */
  private Map<String, ImageResult> goodPhotosAlone(
      StorageSettings settings, StorageAdapters storage) throws Exception {
    Job job = JobFixture.started(storage, files(false));
    Run run = start(settings, JobFixture.whole(job, 1), List.of());
    assertThat(run.exit()).as(run.log()).isEqualTo(WorkerExitCodes.SUCCESS);
    return results(storage, job.id());
  }

  /** The job's results: {@code bad} a failure, the good photos as {@code expected}. */
  private static void assertResults(
      StorageAdapters storage, String jobId, String bad, Map<String, ImageResult> expected)
      throws Exception {
    Map<String, ImageResult> results = results(storage, jobId);
    assertThat(results.keySet()).containsExactlyInAnyOrder("cam/a.jpg", bad, "cam/c.jpg");
    assertThat(results.get(bad).failure()).isEqualTo(ImageResult.FAILURE_IMAGE_ACCESS);
    assertThat(results.get("cam/a.jpg")).isEqualTo(expected.get("cam/a.jpg"));
    assertThat(results.get("cam/c.jpg")).isEqualTo(expected.get("cam/c.jpg"));
  }

  private static Map<String, ImageResult> results(StorageAdapters storage, String jobId)
      throws Exception {
    try (InputStream in =
        storage.blobStore().open(BlobContainer.RESULTS, ShardNames.results(jobId, 0))) {
      return ResultsJson.read(in).images().stream()
          .collect(
              Collectors.toMap(
                  ImageResult::file, Function.identity(), (x, y) -> x, LinkedHashMap::new));
    }
  }

  private static ShardProgress progress(StorageAdapters storage, String jobId) throws Exception {
    try (InputStream in =
        storage.blobStore().open(BlobContainer.RESULTS, ShardNames.progress(jobId, 0))) {
      return ShardProgress.parse(in.readAllBytes());
    }
  }

  private record Run(int exit, String log) {}

  private Run start(StorageSettings settings, ShardTask task, List<String> jvm) throws Exception {
    int attempt = task.attempt();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("biotrack.workerJar", "target/biotrack-worker.jar"),
            "run-job"));
    Path log = Files.createTempFile(tmp, "attempt" + attempt, ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("BIOTRACK_"));
    builder.environment().putAll(JobFixture.environment(settings, task));
    Process process = builder.start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the worker ends").isTrue();
    return new Run(process.exitValue(), Files.readString(log));
  }
}
