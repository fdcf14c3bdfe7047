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
import io.biotrack.e2e.support.WorkerCount;
import io.biotrack.e2e.support.WorkerProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded platform stopping and starting again around a job: a crash of the gateway (and its
 * dispatcher) while a job is LAUNCHING, Ctrl-C while a job is PROCESSING, and a job that outlives
 * its deadline. Each test starts its own platforms on its own data directory.
 */
class EmbeddedRestartIT {
  static final long SEED = 7L;

  final List<ServiceProcess> platforms = new ArrayList<>();

  @AfterEach
  void down() {
    platforms.forEach(ServiceProcess::stop);
  }

  ServiceProcess up(Path work, String name, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(EmbeddedFlowIT.platformEnvironment());
    env.putAll(extra);
    ServiceProcess platform =
        ServiceProcess.up(
            work.resolve("data"), ServiceProcess.freePort(), env, work.resolve(name + ".log"));
    platforms.add(platform);
    return platform;
  }

  @Test
  void aDispatcherCrashDuringLaunchingLeavesExactlyOneWorker() {
    Path work = Repo.workDir("restart-launching");
    ServiceProcess first = up(work, "gateway-1", Map.of());
    Api api = new Api(first.baseUrl());
    List<Upload> photos = SampleImages.samples();
    String id = api.createUploadAndStart("crash while launching", photos);
    JsonNode job;
    MdResults results;
    try (WorkerCount workers = WorkerCount.of(id)) {
      Jobs.awaitLaunching(api, id);
      first.kill(); // SIGKILL: the dispatcher dies mid-launch; its worker is orphaned

      ServiceProcess second = up(work, "gateway-2", Map.of());
      Api again = new Api(second.baseUrl());
      job = Jobs.awaitStatus(again, id, "COMPLETED");
      await().atMost(Duration.ofMinutes(1)).until(() -> WorkerProcesses.of(id).isEmpty());
      results = MdResults.check(again.resultsByLink(id));
      FaultFigures.forJob("dispatcher killed during LAUNCHING", job, results, Jobs.names(photos))
          .put("most workers at once", workers.most())
          .print();
      assertThat(workers.most()).isEqualTo(1);
    }
    assertThat(results.files()).containsExactlyInAnyOrderElementsOf(Jobs.names(photos));
    assertThat(job.path("processedCount").asInt()).isEqualTo(12);
  }

  @Test
  void stoppingThePlatformStopsItsWorkersAndTheJobResumesOnTheNextStart() {
    Path work = Repo.workDir("restart-processing");
    ServiceProcess first = up(work, "gateway-1", Map.of());
    Api api = new Api(first.baseUrl());
    // 300 photos: on a quiet machine the worker ran all of 30 in 3 s, between two progress
    // reports, so the job was COMPLETED before the test saw it PROCESSING.
    List<Upload> photos = SampleImages.variants(300, SEED);
    String id = api.createUploadAndStart("interrupted by Ctrl-C", photos);
    await()
        .atMost(Jobs.JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode job = api.job(id);
              return job.path("status").asText().equals("PROCESSING")
                  && job.path("processedCount").asInt() >= 2;
            });
    List<ProcessHandle> workers = WorkerProcesses.of(id);
    assertThat(workers).hasSize(1);

    first.stop(); // SIGTERM, what Ctrl-C's shutdown does

    assertThat(first.handle().isAlive()).isFalse();
    await().atMost(Duration.ofSeconds(30)).until(() -> WorkerProcesses.of(id).isEmpty());
    assertThat(first.logText()).contains("stopped 1 worker(s)");

    ServiceProcess second = up(work, "gateway-2", Map.of());
    Api again = new Api(second.baseUrl());
    JsonNode job = Jobs.awaitStatus(again, id, "COMPLETED");
    MdResults results = MdResults.check(again.resultsByLink(id));
    assertThat(job.path("attempt").asInt()).isEqualTo(2);
    assertThat(results.files()).hasSize(300).doesNotHaveDuplicates();
  }

  @Test
  void aJobPastItsDeadlineFailsWithAMessageAndLosesItsWorker() {
    Path work = Repo.workDir("deadline");
    // 400 photos: a quiet machine ran 60 within the 6 s deadline (the job COMPLETED).
    ServiceProcess platform = up(work, "gateway", Map.of("BIOTRACK_JOB_DEADLINE", "6s"));
    Api api = new Api(platform.baseUrl());
    String id = api.createUploadAndStart("too slow", SampleImages.variants(400, SEED));

    JsonNode job = Jobs.awaitStatus(api, id, "FAILED");

    assertThat(job.path("message").asText()).isEqualTo("exceeded the active deadline of 6 s");
    await().atMost(Duration.ofMinutes(1)).until(() -> WorkerProcesses.of(id).isEmpty());
    assertThat(api.job(id).path("status").asText()).isEqualTo("FAILED");
  }
}
