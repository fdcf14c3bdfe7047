package io.biotrack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.e2e.support.Api;
import io.biotrack.e2e.support.Api.Upload;
import io.biotrack.e2e.support.FaultFigures;
import io.biotrack.e2e.support.ServiceProcess;
import io.biotrack.e2e.support.MdResults;
import io.biotrack.e2e.support.Repo;
import io.biotrack.e2e.support.SampleImages;
import io.biotrack.e2e.support.WorkerProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded platform stopping and starting again around a job: a crash of the gateway (and
 * its dispatcher) while a job is LAUNCHING, Ctrl-C while a job is PROCESSING, and a job that
 * outlives its deadline. Each test starts its own platforms on its own data directory.
 */
class EmbeddedRestartIT {
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
  static final long SEED = 7L;

  final List<ServiceProcess> platforms = new ArrayList<>();
  final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void down() {
    sampler.shutdownNow();
    platforms.forEach(ServiceProcess::stop);
  }

  ServiceProcess up(Path work, String name, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(EmbeddedFlowIT.platformEnvironment());
    env.putAll(extra);
    ServiceProcess platform =
        ServiceProcess.up(work.resolve("data"), ServiceProcess.freePort(), env, work.resolve(name + ".log"));
    platforms.add(platform);
    return platform;
  }

  /** Counts the job's live worker processes every 100 ms; returns the most seen at once. */
  AtomicInteger sampleWorkers(String id) {
    AtomicInteger most = new AtomicInteger();
    sampler.scheduleAtFixedRate(
        () -> most.accumulateAndGet(WorkerProcesses.of(id).size(), Math::max),
        0, 100, TimeUnit.MILLISECONDS);
    return most;
  }

  static JsonNode awaitStatus(Api api, String id, String status) {
    await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> api.job(id).path("status").asText().equals(status));
    return api.job(id);
  }

  @Test
  void aDispatcherCrashDuringLaunchingLeavesExactlyOneWorker() {
    Path work = Repo.workDir("restart-launching");
    ServiceProcess first = up(work, "gateway-1", Map.of());
    Api api = new Api(first.baseUrl());
    List<Upload> photos = SampleImages.samples();
    String id = api.createUploadAndStart("crash while launching", photos);
    AtomicInteger mostWorkers = sampleWorkers(id);

    List<String> seen = new ArrayList<>();
    await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(20))
        .until(() -> {
          String status = api.job(id).path("status").asText();
          if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
            seen.add(status);
          }
          assertThat(status).as("states seen: %s", seen).isIn("QUEUED", "LAUNCHING");
          return status.equals("LAUNCHING");
        });
    first.kill(); // SIGKILL: the dispatcher dies mid-launch; its worker is orphaned

    ServiceProcess second = up(work, "gateway-2", Map.of());
    Api again = new Api(second.baseUrl());
    JsonNode job = awaitStatus(again, id, "COMPLETED");
    await().atMost(Duration.ofMinutes(1)).until(() -> WorkerProcesses.of(id).isEmpty());
    sampler.shutdownNow();

    MdResults results = MdResults.check(again.resultsByLink(id));
    new FaultFigures("dispatcher killed during LAUNCHING")
        .put("most workers at once", mostWorkers.get())
        .put("attempts", job.path("attempt").asInt())
        .put("images", results.files().size())
        .put("duplicates", results.files().size() - new HashSet<>(results.files()).size())
        .print();
    assertThat(mostWorkers.get()).isEqualTo(1);
    assertThat(results.files()).hasSize(12).doesNotHaveDuplicates();
    assertThat(job.path("processedCount").asInt()).isEqualTo(12);
  }

  @Test
  void stoppingThePlatformStopsItsWorkersAndTheJobResumesOnTheNextStart() {
    Path work = Repo.workDir("restart-processing");
    ServiceProcess first = up(work, "gateway-1", Map.of());
    Api api = new Api(first.baseUrl());
    List<Upload> photos = SampleImages.variants(30, SEED);
    String id = api.createUploadAndStart("interrupted by Ctrl-C", photos);
    await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          JsonNode job = api.job(id);
          return job.path("status").asText().equals("PROCESSING") && job.path("processedCount").asInt() >= 2;
        });
    List<ProcessHandle> workers = WorkerProcesses.of(id);
    assertThat(workers).hasSize(1);

    first.stop(); // SIGTERM, what Ctrl-C's shutdown does

    assertThat(first.handle().isAlive()).isFalse();
    await().atMost(Duration.ofSeconds(30)).until(() -> WorkerProcesses.of(id).isEmpty());
    assertThat(first.logText()).contains("stopped 1 worker(s)");

    ServiceProcess second = up(work, "gateway-2", Map.of());
    Api again = new Api(second.baseUrl());
    JsonNode job = awaitStatus(again, id, "COMPLETED");
    MdResults results = MdResults.check(again.resultsByLink(id));
    assertThat(job.path("attempt").asInt()).isEqualTo(2);
    assertThat(results.files()).hasSize(30).doesNotHaveDuplicates();
  }

  @Test
  void aJobPastItsDeadlineFailsWithAMessageAndLosesItsWorker() {
    Path work = Repo.workDir("deadline");
    ServiceProcess platform = up(work, "gateway", Map.of("BIOTRACK_JOB_DEADLINE", "6s"));
    Api api = new Api(platform.baseUrl());
    String id = api.createUploadAndStart("too slow", SampleImages.variants(60, SEED));

    JsonNode job = awaitStatus(api, id, "FAILED");

    assertThat(job.path("message").asText()).isEqualTo("exceeded the active deadline of 6 s");
    await().atMost(Duration.ofMinutes(1)).until(() -> WorkerProcesses.of(id).isEmpty());
    assertThat(api.job(id).path("status").asText()).isEqualTo("FAILED");
  }
}
