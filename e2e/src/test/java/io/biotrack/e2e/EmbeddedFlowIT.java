package io.biotrack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.e2e.support.Api;
import io.biotrack.e2e.support.Api.Upload;
import io.biotrack.e2e.support.FaultFigures;
import io.biotrack.e2e.support.Jobs;
import io.biotrack.e2e.support.MdResults;
import io.biotrack.e2e.support.Repo;
import io.biotrack.e2e.support.SampleImages;
import io.biotrack.e2e.support.ServiceProcess;
import io.biotrack.e2e.support.WorkerProcesses;
import io.biotrack.testing.FileModes;
import io.biotrack.testing.ListeningSockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded platform as a new user runs it: {@code ./biotrack up} (the gateway jar with its
 * dispatcher, workers as child processes running the worker jar on the committed test model),
 * driven over HTTP like the quickstart. One platform for all tests of this class.
 */
class EmbeddedFlowIT {
  static final long SEED = 20251125L;

  static Path work;
  static Path data;
  static ServiceProcess platform;
  static Api api;

  @BeforeAll
  static void up() {
    work = Repo.workDir("embedded-flow");
    data = work.resolve("data");
    platform =
        ServiceProcess.up(
            data, ServiceProcess.freePort(), platformEnvironment(), work.resolve("gateway.log"));
    api = new Api(platform.baseUrl());
  }

  /** Small, fast settings: 2 workers of 2 threads, progress every second, quick retries. */
  static Map<String, String> platformEnvironment() {
    return Map.of(
        "BIOTRACK_WORKERS", "2",
        "BIOTRACK_WORKER_THREADS", "2",
        "BIOTRACK_PROGRESS_SECONDS", "1",
        "BIOTRACK_CHECKPOINT_EVERY", "2",
        "BIOTRACK_RETRY_BACKOFF", "1s",
        "BIOTRACK_INTAKE_VISIBILITY", "2s",
        "BIOTRACK_MAX_DEQUEUE", "2");
  }

  @AfterAll
  static void down() {
    if (platform != null) {
      platform.stop();
    }
  }

  static JsonNode awaitStatus(String id, String status) {
    return Jobs.awaitStatus(api, id, status);
  }

  @Test
  void twelveSamplePhotosGoFromUploadToResultsAndCsv() {
    JsonNode info = api.info();
    assertThat(info.path("mode").asText()).isEqualTo("embedded");
    assertThat(info.path("model").path("testModel").asBoolean()).isTrue();
    assertThat(info.path("warnings").toString()).contains("NOT real detections");
    List<Upload> photos = SampleImages.samples();
    assertThat(photos).hasSize(12);

    String id = api.createUploadAndStart("twelve samples", photos);
    JsonNode job = awaitStatus(id, "COMPLETED");

    assertThat(job.path("imageCount").asInt()).isEqualTo(12);
    assertThat(job.path("processedCount").asInt()).isEqualTo(12);
    assertThat(job.path("failedCount").asInt()).isZero();
    assertThat(job.path("warning").asText()).contains("NOT real detections");
    MdResults results = MdResults.check(api.resultsByLink(id));
    assertThat(results.files()).hasSize(12).containsExactlyInAnyOrderElementsOf(Jobs.names(photos));
    assertThat(results.failures()).isZero();
    assertThat(job.path("detectionCount").asLong()).isEqualTo(results.detections());

    List<String> csv = api.resultsCsv(id).lines().toList();
    assertThat(csv.get(0))
        .isEqualTo("file,category,conf,x,y,w,h,failure,species,species_common_name,species_score");
    Set<String> csvFiles = new HashSet<>();
    csv.stream().skip(1).forEach(row -> csvFiles.add(row.substring(0, row.indexOf(','))));
    assertThat(csvFiles).isEqualTo(Jobs.names(photos));
    long detectionRows =
        csv.stream().skip(1).filter(row -> !row.split(",", -1)[1].isEmpty()).count();
    assertThat(detectionRows).isEqualTo(results.detections());
  }

  /**
   * Issue 17, reuse: the next season's job names the last one; its photos of equal content (here
   * renamed into another folder) are copied, not run again, and the status says how many.
   */
  @Test
  void aJobThatReusesAPreviousJobCopiesTheEntriesOfPhotosOfEqualContent() {
    List<Upload> photos = SampleImages.samples();
    String first = api.createUploadAndStart("season 1", photos.subList(0, 8));
    awaitStatus(first, "COMPLETED");
    Map<String, JsonNode> firstEntries = new HashMap<>();
    MdResults.check(api.resultsByLink(first))
        .json()
        .path("images")
        .forEach(image -> firstEntries.put(image.path("file").asText(), image));

    List<Upload> season = new ArrayList<>();
    photos.forEach(photo -> season.add(new Upload("2026/" + photo.name(), photo.bytes())));
    String second = api.createUploadAndStart("season 2", season, first);
    JsonNode job = awaitStatus(second, "COMPLETED");

    assertThat(job.path("reusedCount").asInt()).isEqualTo(8);
    assertThat(job.path("processedCount").asInt()).isEqualTo(12);
    assertThat(job.path("options").path("previousJobId").asText()).isEqualTo(first);
    MdResults results = MdResults.check(api.resultsByLink(second));
    assertThat(results.files()).hasSize(12);
    results
        .json()
        .path("images")
        .forEach(
            image -> {
              String original = image.path("file").asText().substring("2026/".length());
              if (firstEntries.containsKey(original)) {
                assertThat(image.path("detections"))
                    .as(original)
                    .isEqualTo(firstEntries.get(original).path("detections"));
              }
            });
    String log = workerLogs();
    assertThat(log).contains("8 of 12 photos have equal content in job " + first);
  }

  private static String workerLogs() {
    try (var files = java.nio.file.Files.list(data.resolve("workers/logs"))) {
      StringBuilder all = new StringBuilder();
      for (java.nio.file.Path file : files.toList()) {
        all.append(java.nio.file.Files.readString(file));
      }
      return all.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aHundredPhotosMadeFromTheSamplesAllComeBackOnce() {
    List<Upload> photos = SampleImages.variants(100, SEED);

    String id = api.createUploadAndStart("a hundred photos", photos);
    JsonNode job = awaitStatus(id, "COMPLETED");

    MdResults results = MdResults.check(api.resultsByLink(id));
    assertThat(job.path("processedCount").asInt()).isEqualTo(100);
    assertThat(results.files())
        .hasSize(100)
        .containsExactlyInAnyOrderElementsOf(Jobs.names(photos));
    assertThat(results.failures()).isZero();
  }

  @Test
  void aJobOfCorruptImagesCompletesWithAFailureForEach() {
    List<Upload> broken = SampleImages.corrupt(6, SEED);

    String id = api.createUploadAndStart("all corrupt", broken);
    JsonNode job = awaitStatus(id, "COMPLETED");

    MdResults results = MdResults.check(api.resultsByLink(id));
    assertThat(results.files()).containsExactlyInAnyOrderElementsOf(Jobs.names(broken));
    assertThat(results.failures()).isEqualTo(6);
    assertThat(job.path("failedCount").asInt()).isEqualTo(6);
    assertThat(job.path("processedCount").asInt()).isEqualTo(6);
  }

  // Duplicate queue messages and messages that cannot be taken: LocalDispatcherIT, in-process
  // (the embedded database is the platform's alone; this test has no handle on its queue).

  @Test
  void cancellingAProcessingJobStopsItsWorker() {
    String id = api.createUploadAndStart("to cancel", SampleImages.variants(40, SEED + 2));
    await()
        .atMost(Jobs.JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode job = api.job(id);
              return job.path("status").asText().equals("PROCESSING")
                  && job.path("processedCount").asInt() > 0;
            });
    assertThat(WorkerProcesses.of(id)).hasSize(1);

    JsonNode cancelled = api.cancel(id);

    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    await().atMost(Duration.ofMinutes(1)).until(() -> WorkerProcesses.of(id).isEmpty());
    JsonNode job = api.job(id);
    assertThat(job.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(job.path("processedCount").asInt()).isLessThan(40);
  }

  @Test
  void killingTheWorkerThreeTimesLosesAndRepeatsNoImage() throws Exception {
    // Enough photos that the third attempt is still at work when the test kills it: with 24, a
    // quiet machine's worker finished the job between two progress reports (one a second).
    List<Upload> photos = SampleImages.variants(96, SEED + 3);
    Random random = new Random(SEED);
    String id = api.createUploadAndStart("killed three times", photos);

    int killedAt = 0;
    StringBuilder kills = new StringBuilder();
    for (int attempt = 1; attempt <= 3; attempt++) {
      int target = killedAt + 1 + random.nextInt(3);
      int current = attempt;
      await()
          .atMost(Jobs.JOB_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                JsonNode job = api.job(id);
                assertThat(job.path("status").asText()).isIn("QUEUED", "LAUNCHING", "PROCESSING");
                return job.path("attempt").asInt() == current
                    && job.path("status").asText().equals("PROCESSING")
                    && job.path("processedCount").asInt() >= target;
              });
      List<ProcessHandle> workers = WorkerProcesses.of(id, attempt);
      assertThat(workers).as("attempt %d's worker", attempt).hasSize(1);
      killedAt = api.job(id).path("processedCount").asInt();
      workers.get(0).destroyForcibly(); // SIGKILL: no shutdown hook, no last write
      kills.append(attempt == 1 ? "" : " ").append(killedAt);
      await().atMost(Duration.ofMinutes(1)).until(() -> !workers.get(0).isAlive());
    }
    JsonNode job = awaitStatus(id, "COMPLETED");

    MdResults results = MdResults.check(api.resultsByLink(id));
    FaultFigures.forJob("kill -9 the worker mid-job", job, results, Jobs.names(photos))
        .put("kills survived", 3)
        .put("killed at processed counts", kills)
        .print();
    assertThat(job.path("attempt").asInt()).isEqualTo(4);
    assertThat(results.lost(Jobs.names(photos))).isZero();
    assertThat(results.duplicateCount()).isZero();
    assertThat(results.files()).containsExactlyInAnyOrderElementsOf(Jobs.names(photos));
    assertThat(job.path("processedCount").asInt()).isEqualTo(96);
    String lastAttempt =
        Files.readString(
            data.resolve("workers/logs/biotrack-" + id + "-0-4.log"), StandardCharsets.UTF_8);
    assertThat(lastAttempt).contains("resuming from the checkpoint");
  }

  /**
   * The security review found the embedded database reachable from other users and hosts: H2's
   * AUTO_SERVER listened on every interface, its lock file (with the server key) and the database
   * were 0644, and the empty password let anyone in. After a job has run, nothing under the data
   * directory may be open to other users, the gateway JVM may listen on its HTTP port on loopback
   * only (the database has no server now), and the database password (in db/password) may show up
   * in no log, command line or environment.
   */
  @Test
  void afterAJobTheDataStaysWithItsOwnerAndNothingListensBeyondLoopback() throws Exception {
    String password = Files.readString(data.resolve("db/password")).trim();
    String id = api.createUploadAndStart("owner only", SampleImages.variants(16, SEED + 4));
    await()
        .atMost(Jobs.JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !WorkerProcesses.of(id).isEmpty());
    for (ProcessHandle worker : WorkerProcesses.of(id)) {
      assertThat(procFile(worker, "cmdline") + procFile(worker, "environ"))
          .as("the worker's command line and environment")
          .doesNotContain(password);
    }
    awaitStatus(id, "COMPLETED");

    if (FileModes.supported(data)) {
      assertThat(FileModes.openToOthers(data))
          .as("files and folders under %s the group or other users may use", data)
          .isEmpty();
    }
    assertThat(procFile(platform.handle(), "cmdline") + procFile(platform.handle(), "environ"))
        .as("the gateway's command line and environment")
        .doesNotContain(password);
    assertThat(platform.logText()).as("the gateway's log").doesNotContain(password);
    assertThat(Files.readString(data.resolve("workers/logs/biotrack-" + id + "-0-1.log")))
        .as("the worker's log")
        .doesNotContain(password);

    if (ListeningSockets.supported()) {
      List<ListeningSockets.Listener> listening =
          ListeningSockets.ofProcess(platform.handle().pid());
      assertThat(listening)
          .as("the gateway JVM's listening sockets")
          .extracting(ListeningSockets.Listener::port)
          .contains(platform.baseUrl().getPort());
      assertThat(listening)
          .allSatisfy(l -> assertThat(l.address().isLoopbackAddress()).as(l.toString()).isTrue());
    }
  }

  /** A /proc file of a live process, NUL separators as spaces; empty once it ended. */
  private static String procFile(ProcessHandle process, String name) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), name));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (java.io.IOException gone) {
      return "";
    }
  }
}
