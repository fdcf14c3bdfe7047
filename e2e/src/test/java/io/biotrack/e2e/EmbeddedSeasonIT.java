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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Season-sized jobs on the real embedded platform ({@code ./biotrack up --workers 3}): a folder of
 * 2,000 photos sent with {@code biotrack submit}, interrupted and resumed, run in shards of 250
 * over three worker processes, one of them killed with {@code kill -9} mid-shard; and a cancel that
 * stops every worker of a sharded job.
 */
class EmbeddedSeasonIT {
  static final long SEED = 20261206L;
  static final Duration SEASON_TIMEOUT = Duration.ofMinutes(15);
  static final Pattern CREATED = Pattern.compile("created job ([0-9a-z]{26})");

  static Path work;
  static ServiceProcess platform;
  static Api api;

  @BeforeAll
  static void up() {
    work = Repo.workDir("embedded-season");
    platform =
        ServiceProcess.up(
            work.resolve("data"),
            ServiceProcess.freePort(),
            Map.of(
                "BIOTRACK_WORKERS", "3",
                "BIOTRACK_WORKER_THREADS", "2",
                "BIOTRACK_PROGRESS_SECONDS", "1",
                "BIOTRACK_CHECKPOINT_EVERY", "20",
                "BIOTRACK_RETRY_BACKOFF", "1s"),
            work.resolve("gateway.log"));
    api = new Api(platform.baseUrl());
  }

  @AfterAll
  static void down() {
    if (platform != null) {
      platform.stop();
    }
  }

  private Process submit(Path dir, Path log, String... more) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Repo.launcher().toString(),
                "submit",
                dir.toString(),
                "--server",
                platform.baseUrl().toString(),
                "-o",
                work.resolve("season-results.json").toString(),
                "--shard-size",
                "250",
                "--parallel",
                "6"));
    command.addAll(List.of(more));
    return new ProcessBuilder(command)
        .directory(Repo.ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static int uploaded(String jobId) {
    int count = 0;
    String cursor = null;
    do {
      JsonNode page =
          api.get(
              "/api/v1/jobs/"
                  + jobId
                  + "/files?limit=1000"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode file : page.path("files")) {
        count += file.path("uploaded").asBoolean() ? 1 : 0;
      }
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    return count;
  }

  @Test
  void aSeasonIsSubmittedResumedAndRunInParallelShardsSurvivingAKilledWorker() throws Exception {
    List<Upload> photos = SampleImages.small(2_000, 250, SEED);
    Path season = work.resolve("season");
    SampleImages.write(season, photos);
    Path log = work.resolve("submit.log");

    // 1. submit, interrupted while uploading.
    Process first = submit(season, log);
    String[] id = {null};
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Matcher m = CREATED.matcher(Files.readString(log, StandardCharsets.UTF_8));
              if (m.find()) {
                id[0] = m.group(1);
              }
              return id[0] != null && uploaded(id[0]) >= 300;
            });
    first.destroyForcibly();
    assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
    int uploadedBefore = uploaded(id[0]);
    assertThat(uploadedBefore).isBetween(300, 1_999);
    assertThat(api.job(id[0]).path("status").asText()).isEqualTo("PENDING");

    // 2. resumed: only the missing photos go, then the job starts.
    Process second = submit(season, log, "--job", id[0]);

    // 3. while it runs: several shards at once, and one worker killed mid-shard.
    Set<String> seenAtOnce = new HashSet<>();
    AtomicInteger mostAtOnce = new AtomicInteger();
    await()
        .atMost(SEASON_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<ProcessHandle> workers = WorkerProcesses.of(id[0]);
              mostAtOnce.accumulateAndGet(workers.size(), Math::max);
              workers.forEach(w -> seenAtOnce.add(WorkerProcesses.shardOf(w)));
              return workers.size() >= 2 && api.job(id[0]).path("processedCount").asInt() >= 400;
            });
    List<ProcessHandle> running = WorkerProcesses.of(id[0]);
    ProcessHandle victim = running.get(0);
    String victimShard = WorkerProcesses.shardOf(victim);
    victim.destroyForcibly(); // SIGKILL mid-shard: no shutdown hook, no last checkpoint
    await().atMost(Duration.ofMinutes(1)).until(() -> !victim.isAlive());

    assertThat(second.waitFor(SEASON_TIMEOUT.toMinutes(), TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(second.exitValue()).as(output).isZero();
    assertThat(output).contains("already uploaded").contains("results: ");

    JsonNode job = Jobs.awaitStatus(api, id[0], "COMPLETED");
    MdResults results = MdResults.check(Files.readAllBytes(work.resolve("season-results.json")));
    Set<String> expected = Jobs.names(photos);
    FaultFigures.forJob(
            "season: 2000 photos, shards of 250, 3 workers, submit resumed, kill -9 mid-shard",
            job,
            results,
            expected)
        .put("uploaded before the interruption", uploadedBefore)
        .put("shards", job.path("shards").path("total").asInt())
        .put("most workers at once", mostAtOnce.get())
        .put("killed shard", victimShard)
        .print();
    assertThat(results.files())
        .as("every photo exactly once, in name order")
        .isSortedAccordingTo(String::compareTo);
    assertThat(results.lost(expected)).isZero();
    assertThat(results.duplicateCount()).isZero();
    assertThat(results.files()).hasSize(2_000);
    assertThat(job.path("shards").path("total").asInt()).isEqualTo(8);
    assertThat(job.path("shards").path("completed").asInt()).isEqualTo(8);
    assertThat(job.path("processedCount").asInt()).isEqualTo(2_000);
    assertThat(mostAtOnce.get()).as("shards of one job run in parallel").isBetween(2, 3);
    assertThat(job.path("attempt").asInt()).as("the killed shard was retried").isEqualTo(2);
    assertThat(Files.readString(work.resolve("season-results.csv"), StandardCharsets.UTF_8))
        .startsWith("file,category,conf,x,y,w,h,failure");
  }

  @Test
  void cancellingAShardedJobStopsEveryWorker() throws Exception {
    List<Upload> photos = SampleImages.small(600, 100, SEED + 1);
    String id = api.createRegisterUploadAndStart("cancel me", photos, 100);
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> WorkerProcesses.of(id).size() >= 2);
    List<ProcessHandle> workers = WorkerProcesses.of(id);

    api.cancel(id);

    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
    JsonNode job = api.job(id);
    assertThat(job.path("status").asText()).isEqualTo("CANCELLED");
    await().atMost(Duration.ofSeconds(30)).until(() -> WorkerProcesses.of(id).isEmpty());
    new FaultFigures("cancel of a sharded job")
        .put("workers running at the cancel", workers.size())
        .put("workers left", WorkerProcesses.of(id).size())
        .put("processed before", job.path("processedCount").asInt())
        .print();
  }
}
