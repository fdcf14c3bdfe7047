package io.biotrack.embedded.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.local.H2Database;
import io.biotrack.adapter.local.H2DispatchRecordStore;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.dispatch.JobLimits;
import io.biotrack.embedded.launch.LocalLauncherSettings;
import io.biotrack.embedded.launch.LocalProcessLauncher;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.testing.FakeJobWorker;
import io.biotrack.testing.StartedJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded dispatcher against the real local database, queue and child processes; the worker is
 * {@link FakeJobWorker}, which keeps the shard worker's contract without a model. Restarts are
 * played by dropping a dispatcher without closing it (as a crash leaves things) and making a new
 * one on the same data directory.
 */
class LocalDispatcherIT {
  static final String TENANT = "local";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path data;
  final Clock clock = Clock.systemUTC();
  final JobIds ids = JobIds.system();
  final List<LocalDispatcher> dispatchers = new ArrayList<>();
  final Map<String, String> workerEnv = new HashMap<>();
  StorageAdapters storage;
  H2Database database;
  JobStore jobs;
  JobQueue queue;

  @BeforeEach
  void open() throws IOException {
    StorageSettings settings = StorageSettings.local(data).withMaxDequeue(2);
    storage = StorageAdapters.open(settings);
    database = H2Database.open(data);
    jobs = storage.jobStore();
    queue = storage.jobQueue();
    workerEnv.putAll(settings.toEnvironment());
    workerEnv.put("FAKE_RUNS_DIR", Files.createDirectories(data.resolve("runs")).toString());
  }

  @AfterEach
  void close() {
    dispatchers.forEach(LocalDispatcher::close);
    // Workers of the dispatchers a test "crashed" are nobody's now.
    ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains(FakeJobWorker.class.getName()))
        .forEach(ProcessHandle::destroyForcibly);
    database.close();
    storage.close();
  }

  LocalProcessLauncher newLauncher() {
    return new LocalProcessLauncher(
        new LocalLauncherSettings(
            FakeJobWorker.command(),
            workerEnv,
            data.resolve("workers"),
            data.resolve("models"),
            "model.torchscript"));
  }

  LocalDispatcher dispatcher(int maxWorkers, JobLimits limits) {
    LocalDispatcher dispatcher =
        new LocalDispatcher(
            jobs,
            storage.blobStore(),
            queue,
            new H2DispatchRecordStore(database),
            newLauncher(),
            new DispatchPolicy(
                new DispatchSettings(
                    maxWorkers,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(100))),
            new LocalDispatcherSettings(
                Duration.ofMillis(100),
                8,
                Duration.ofSeconds(1),
                limits,
                new WorkerResources(2, 1, 0)),
            data.resolve("workers/dispatcher.lock"),
            clock);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  LocalDispatcher dispatcher() {
    return dispatcher(2, new JobLimits(4, null, Duration.ofMinutes(5)));
  }

  /** What the gateway's start does: the manifest frozen, PENDING → QUEUED, then the message. */
  String startJob(int images, int shardSize) {
    Job job = StartedJobs.queued(jobs, storage.blobStore(), TENANT, images, shardSize, clock);
    queue.send(JobMessage.of(job.id(), TENANT));
    return job.id();
  }

  String startJob(int images) {
    return startJob(images, 2000);
  }

  Job job(String id) {
    return jobs.get(TENANT, id);
  }

  Job awaitStatus(String id, JobStatus status) {
    await().atMost(WAIT).until(() -> job(id).status() == status);
    return job(id);
  }

  /** "{shard}:{attempt}" of every worker run of the job, in start order. */
  List<String> runs(String id) throws IOException {
    Path file = data.resolve("runs").resolve(id);
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  Optional<ProcessHandle> worker(String id, int shard, int attempt) throws IOException {
    Path pid = data.resolve("workers/biotrack-" + id + "-" + shard + "-" + attempt + "/pid");
    if (!Files.exists(pid)) {
      return Optional.empty();
    }
    long number = Long.parseLong(Files.readString(pid).trim().split(" ")[0]);
    return ProcessHandle.of(number).filter(ProcessHandle::isAlive);
  }

  BatchResults results(String id) throws IOException {
    try (var in = storage.blobStore().open(BlobContainer.RESULTS, BlobNames.results(id))) {
      return ResultsJson.read(in);
    }
  }

  @Test
  void runsAStartedJobToCompletionOnce() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "2");
    String id = startJob(4);
    queue.send(JobMessage.of(id, TENANT)); // a duplicate, as the gateway's sweeper may send
    queue.send(JobMessage.of(id, TENANT));

    dispatcher().start();

    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(1);
    assertThat(done.counts().processedCount()).isEqualTo(4);
    assertThat(done.shards().total()).isEqualTo(1);
    assertThat(done.shards().completed()).isEqualTo(1);
    assertThat(runs(id)).containsExactly("0:1");
    assertThat(results(id).images())
        .extracting(ImageResult::file)
        .containsExactly("img-0000.jpg", "img-0001.jpg", "img-0002.jpg", "img-0003.jpg");
    await().atMost(WAIT).until(() -> queue.fetch(32, Duration.ofMillis(1)).isEmpty());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(new H2DispatchRecordStore(database).list())
                    .singleElement()
                    .satisfies(r -> assertThat(r.state().finishedAt()).isNotNull()));
  }

  @Test
  void runsTheShardsOfAJobInParallelAndJoinsTheirResultsInOrder() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "4");
    String id = startJob(7, 2); // shards of 2, 2, 2, 1
    LocalDispatcher dispatcher = dispatcher(3, new JobLimits(3, null, null));

    AtomicLong mostAtOnce = new AtomicLong();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              dispatcher.pass();
              mostAtOnce.accumulateAndGet(dispatcher.activeWorkloads(), Math::max);
              return job(id).status() == JobStatus.COMPLETED;
            });

    assertThat(mostAtOnce.get()).isBetween(2L, 3L);
    assertThat(runs(id)).containsExactlyInAnyOrder("0:1", "1:1", "2:1", "3:1");
    Job done = job(id);
    assertThat(done.counts().imageCount()).isEqualTo(7);
    assertThat(done.counts().processedCount()).isEqualTo(7);
    assertThat(done.shards().total()).isEqualTo(4);
    assertThat(results(id).images())
        .extracting(ImageResult::file)
        .containsExactly(
            "img-0000.jpg",
            "img-0001.jpg",
            "img-0002.jpg",
            "img-0003.jpg",
            "img-0004.jpg",
            "img-0005.jpg",
            "img-0006.jpg");
    for (int shard = 0; shard < 4; shard++) {
      assertThat(
              storage.blobStore().exists(BlobContainer.RESULTS, ShardNames.checkpoint(id, shard)))
          .as("shard %d's checkpoint, once the results are joined", shard)
          .isFalse();
    }
  }

  @Test
  void retriesAFailedShardAloneUntilTheJobCompletes() throws Exception {
    workerEnv.put("FAKE_WORKER_EXITS", "1,0");
    workerEnv.put("FAKE_FAILING_SHARD", "1");
    String id = startJob(6, 2);

    dispatcher(3, new JobLimits(4, null, null)).start();

    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(runs(id)).containsExactlyInAnyOrder("0:1", "1:1", "1:2", "2:1");
    assertThat(results(id).images()).hasSize(6);
  }

  @Test
  void failsTheJobWhenAShardsAttemptsAreUsedUp() {
    workerEnv.put("FAKE_WORKER_EXITS", "1");
    String id = startJob(2);

    dispatcher(2, new JobLimits(2, null, null)).start();

    Job failed = awaitStatus(id, JobStatus.FAILED);
    assertThat(failed.message())
        .contains("gave up on shard 0 (photos 1–2) after 2 attempt(s)", "exit code 1");
  }

  @Test
  void stoppedWorkersDoNotUseUpTheShardsAttempts() throws Exception {
    // SIGTERM (143) and Ctrl-C (130) twice as often as the attempts allow, then a real run.
    workerEnv.put("FAKE_WORKER_EXITS", "143,130,143,130,0");
    String id = startJob(2);

    dispatcher(2, new JobLimits(2, null, null)).start();

    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(5);
    assertThat(runs(id)).containsExactly("0:1", "0:2", "0:3", "0:4", "0:5");
  }

  @Test
  void aRestartedDispatcherFindsTheRunningWorkerInsteadOfStartingASecond() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "10");
    String id = startJob(2);
    LocalDispatcher crashed = dispatcher();
    crashed.pass(); // launches shard 0; then the dispatcher "dies" without stopping anything
    dispatchers.remove(crashed);
    assertThat(job(id).status()).isIn(JobStatus.LAUNCHING, JobStatus.PROCESSING);
    ProcessHandle first = worker(id, 0, 1).orElseThrow();

    LocalDispatcher restarted = dispatcher();
    AtomicLong mostAtOnce = new AtomicLong();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              restarted.pass();
              mostAtOnce.accumulateAndGet(restarted.activeWorkloads(), Math::max);
              return job(id).status() == JobStatus.COMPLETED;
            });

    assertThat(runs(id)).containsExactly("0:1");
    assertThat(job(id).attempt()).isEqualTo(1);
    assertThat(mostAtOnce.get()).isEqualTo(1);
    await().atMost(WAIT).until(() -> !first.isAlive());
  }

  @Test
  void aLaunchCutShortBeforeItsRecordWasSavedIsFoundByName() throws Exception {
    // The crash window: the record moved to LAUNCHING and the worker started, but the dispatch
    // record was never updated.
    workerEnv.put("FAKE_WORK_STEPS", "4");
    String id = startJob(2);
    new H2DispatchRecordStore(database)
        .createIfAbsent(DispatchRecord.queued(TENANT, id, clock.instant()));
    queue.fetch(32, Duration.ofMinutes(1)).forEach(queue::delete);
    Job launching =
        jobs.transition(
            TENANT, id, JobStatus.QUEUED, JobStatus.LAUNCHING, null, clock, j -> j.withAttempt(1));
    newLauncher()
        .launch(
            new LaunchRequest(
                new ShardTask(id, TENANT, launching.manifestId(), 0, 0, 2, 1, 0.005),
                new WorkerResources(2, 1, 0)));

    dispatcher().start();

    awaitStatus(id, JobStatus.COMPLETED);
    assertThat(runs(id)).containsExactly("0:1");
    assertThat(job(id).attempt()).isEqualTo(1);
  }

  @Test
  void aWorkerThatDiedWhileTheDispatcherWasDownIsRetried() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "20");
    String id = startJob(2);
    LocalDispatcher crashed = dispatcher();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              crashed.pass();
              return runs(id).contains("0:1"); // the worker itself is under way
            });
    dispatchers.remove(crashed);
    worker(id, 0, 1).orElseThrow().destroyForcibly();
    workerEnv.put("FAKE_WORK_STEPS", "2");

    dispatcher().start();

    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(runs(id)).containsExactly("0:1", "0:2");
  }

  @Test
  void closingStopsTheWorkersAndTheNextStartResumesTheJob() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "50");
    String id = startJob(2);
    LocalDispatcher first = dispatcher();
    first.start();
    await().atMost(WAIT).until(() -> runs(id).contains("0:1"));
    ProcessHandle worker = worker(id, 0, 1).orElseThrow();

    first.close();

    assertThat(worker.isAlive()).isFalse();
    workerEnv.put("FAKE_WORK_STEPS", "2");
    dispatcher().start();
    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
  }

  @Test
  void aCancelledJobLosesEveryWorker() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "200");
    String id = startJob(4, 2);
    dispatcher().start();
    await().atMost(WAIT).until(() -> worker(id, 0, 1).isPresent() && worker(id, 1, 1).isPresent());
    ProcessHandle first = worker(id, 0, 1).orElseThrow();
    ProcessHandle second = worker(id, 1, 1).orElseThrow();
    awaitStatus(id, JobStatus.PROCESSING);

    jobs.transition(
        TENANT,
        id,
        JobStatus.PROCESSING,
        JobStatus.CANCELLED,
        "cancelled by the user",
        clock,
        j -> j);

    await().atMost(WAIT).until(() -> !first.isAlive() && !second.isAlive());
    assertThat(job(id).status()).isEqualTo(JobStatus.CANCELLED);
    // The launcher removes a workload's folder after its process is gone: a moment later.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(Files.exists(data.resolve("workers/biotrack-" + id + "-0-1"))).isFalse();
              assertThat(Files.exists(data.resolve("workers/biotrack-" + id + "-1-1"))).isFalse();
            });
  }

  @Test
  void aJobPastItsDeadlineFailsAndLosesItsWorker() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "200");
    String id = startJob(2);
    dispatcher(2, new JobLimits(3, Duration.ofSeconds(2), null)).start();
    await().atMost(WAIT).until(() -> worker(id, 0, 1).isPresent());
    ProcessHandle worker = worker(id, 0, 1).orElseThrow();

    Job failed = awaitStatus(id, JobStatus.FAILED);

    assertThat(failed.message()).isEqualTo("exceeded the active deadline of 2 s");
    await().atMost(WAIT).until(() -> !worker.isAlive());
    assertThat(runs(id)).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void admitsAtMostMaxWorkersAtOnceInQueueOrder() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "3");
    String first = startJob(1);
    String second = startJob(1);
    LocalDispatcher dispatcher = dispatcher(1, new JobLimits(3, null, null));

    AtomicLong mostAtOnce = new AtomicLong();
    List<String> admitted = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              dispatcher.pass();
              mostAtOnce.accumulateAndGet(dispatcher.activeWorkloads(), Math::max);
              for (String id : List.of(first, second)) {
                if (job(id).attempt() > 0 && !admitted.contains(id)) {
                  admitted.add(id);
                }
              }
              return List.of(first, second).stream()
                  .allMatch(id -> job(id).status() == JobStatus.COMPLETED);
            });

    assertThat(mostAtOnce.get()).isEqualTo(1);
    assertThat(admitted).containsExactly(first, second);
  }

  @Test
  void aSecondJobGetsItsShareWhileABigOneStillHasShardsToRun() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "3");
    String big = startJob(12, 1); // 12 shards
    String small = startJob(1);
    LocalDispatcher dispatcher = dispatcher(2, new JobLimits(3, null, null));

    await()
        .atMost(WAIT)
        .until(
            () -> {
              dispatcher.pass();
              return job(small).status() == JobStatus.COMPLETED;
            });

    assertThat(job(big).status()).isNotEqualTo(JobStatus.COMPLETED);
    assertThat(job(big).shards().completed()).isLessThan(12);
  }

  @Test
  void aMessageThatCannotBeTakenEndsInThePoisonQueue() {
    queue.send("{\"version\":1,\"jobId\":\"nosuchjob\",\"tenant\":\"local\"}");
    queue.send("not json at all");

    dispatcher().start();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(queue.peekPoison(10))
                    .containsExactlyInAnyOrder(
                        "{\"version\":1,\"jobId\":\"nosuchjob\",\"tenant\":\"local\"}",
                        "not json at all"));
  }

  @Test
  void aSecondDispatcherOnTheSameDataDirectoryRefusesToStart() {
    dispatcher().start();

    assertThatThrownBy(() -> dispatcher().start())
        .isInstanceOfSatisfying(
            DataDirectoryInUseException.class,
            e -> assertThat(e.holder()).isEqualTo("process " + ProcessHandle.current().pid()))
        .hasMessageContaining("another Biotrack dispatcher is running");
  }

  @Test
  void anAdoptedLockIsLeftToItsOwnerWhoReleasesItAfterTheDispatcherClosed() {
    // The platform takes the lock before it opens the database and releases it after closing it:
    // the dispatcher closing in between must not let a second platform in.
    DispatcherLock platforms =
        DispatcherLock.acquire(data.resolve("workers/dispatcher.lock"), "the platform");
    LocalDispatcher dispatcher = dispatcher();
    dispatcher.adopt(platforms);
    dispatcher.start();
    dispatcher.close();

    assertThatThrownBy(() -> dispatcher().start())
        .isInstanceOfSatisfying(
            DataDirectoryInUseException.class,
            e -> assertThat(e.holder()).isEqualTo("the platform"));

    platforms.close();
    platforms.close(); // again is nothing
    dispatcher().start();
  }

  @Test
  void aJobsModelChoiceReachesItsWorkerAndOthersRunTheDefault() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "1");
    Job chosen =
        StartedJobs.queued(
            jobs,
            storage.blobStore(),
            TENANT,
            1,
            io.biotrack.job.JobOptions.DEFAULTS.withModel("redwood"),
            clock);
    queue.send(JobMessage.of(chosen.id(), TENANT));
    String plain = startJob(1);

    dispatcher().start();

    awaitStatus(chosen.id(), JobStatus.COMPLETED);
    awaitStatus(plain, JobStatus.COMPLETED);
    assertThat(job(chosen.id()).options().model()).isEqualTo("redwood");
    assertThat(Files.readString(data.resolve("runs").resolve(chosen.id() + ".model")))
        .isEqualTo(data.resolve("models").resolve("redwood").toString());
    assertThat(Files.readString(data.resolve("runs").resolve(plain + ".model")))
        .isEqualTo(data.resolve("models").resolve("model.torchscript").toString());
  }
}
