package io.biotrack.dispatch.local;

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
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.local.LocalLauncherSettings;
import io.biotrack.launch.local.LocalProcessLauncher;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.testing.FakeJobWorker;
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
 * The embedded dispatcher against the real local database, queue and child processes; the worker
 * is {@link FakeJobWorker}, which keeps the job-mode contract without a model. Restarts are played
 * by dropping a dispatcher without closing it (as a crash leaves things) and making a new one on
 * the same data directory.
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
    ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains(FakeJobWorker.class.getName()))
        .forEach(ProcessHandle::destroyForcibly);
    database.close();
    storage.close();
  }

  LocalProcessLauncher newLauncher() {
    return new LocalProcessLauncher(
        new LocalLauncherSettings(
            FakeJobWorker.command(), workerEnv, data.resolve("workers"), data.resolve("models"), "model.torchscript"));
  }

  LocalDispatcher dispatcher(int maxWorkers, JobLimits limits) {
    LocalDispatcher dispatcher =
        new LocalDispatcher(
            jobs,
            queue,
            new H2DispatchRecordStore(database),
            newLauncher(),
            new DispatchPolicy(
                new DispatchSettings(
                    maxWorkers, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(100))),
            new LocalDispatcherSettings(
                Duration.ofMillis(100), 8, Duration.ofSeconds(1), limits, new WorkerResources(2, 1, 0)),
            data.resolve("workers/dispatcher.lock"),
            clock);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  LocalDispatcher dispatcher() {
    return dispatcher(2, new JobLimits(4, null, Duration.ofMinutes(5)));
  }

  /** What the gateway's start does: PENDING → QUEUED, then the message. */
  String startJob(int images) {
    String id = ids.next();
    jobs.create(Job.newPending(id, TENANT, "job", images, JobOptions.DEFAULTS, clock.instant()));
    jobs.transition(TENANT, id, JobStatus.PENDING, JobStatus.QUEUED, null, clock, j -> j);
    queue.send(JobMessage.of(id, TENANT));
    return id;
  }

  Job job(String id) {
    return jobs.get(TENANT, id);
  }

  Job awaitStatus(String id, JobStatus status) {
    await().atMost(WAIT).until(() -> job(id).status() == status);
    return job(id);
  }

  List<String> runs(String id) throws IOException {
    Path file = data.resolve("runs").resolve(id);
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  Optional<ProcessHandle> worker(String id, int attempt) throws IOException {
    Path pid = data.resolve("workers/biotrack-" + id + "-" + attempt + "/pid");
    if (!Files.exists(pid)) {
      return Optional.empty();
    }
    long number = Long.parseLong(Files.readString(pid).trim().split(" ")[0]);
    return ProcessHandle.of(number).filter(ProcessHandle::isAlive);
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
    assertThat(runs(id)).containsExactly("1");
    await().atMost(WAIT).until(() -> queue.fetch(32, Duration.ofMillis(1)).isEmpty());
    await().atMost(WAIT).untilAsserted(
        () -> assertThat(new H2DispatchRecordStore(database).list())
            .singleElement()
            .satisfies(r -> assertThat(r.state().finishedAt()).isNotNull()));
  }

  @Test
  void retriesAFailedAttemptUntilTheJobCompletes() throws Exception {
    workerEnv.put("FAKE_WORKER_EXITS", "1,0");
    String id = startJob(2);

    dispatcher().start();

    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(runs(id)).containsExactly("1", "2");
  }

  @Test
  void failsTheJobWhenItsAttemptsAreUsedUp() {
    workerEnv.put("FAKE_WORKER_EXITS", "1");
    String id = startJob(2);

    dispatcher(2, new JobLimits(2, null, null)).start();

    Job failed = awaitStatus(id, JobStatus.FAILED);
    assertThat(failed.message()).contains("gave up after 2 attempt(s)", "exit code 1");
  }

  @Test
  void aRestartedDispatcherFindsTheRunningWorkerInsteadOfStartingASecond() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "10");
    String id = startJob(2);
    LocalDispatcher crashed = dispatcher();
    crashed.pass(); // launches attempt 1; then the dispatcher "dies" without stopping anything
    dispatchers.remove(crashed);
    assertThat(job(id).status()).isIn(JobStatus.LAUNCHING, JobStatus.PROCESSING);
    ProcessHandle first = worker(id, 1).orElseThrow();

    LocalDispatcher restarted = dispatcher();
    AtomicLong mostAtOnce = new AtomicLong();
    await().atMost(WAIT).until(() -> {
      restarted.pass();
      mostAtOnce.accumulateAndGet(restarted.activeWorkloads(), Math::max);
      return job(id).status() == JobStatus.COMPLETED;
    });

    assertThat(runs(id)).containsExactly("1");
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
    new H2DispatchRecordStore(database).createIfAbsent(DispatchRecord.queued(TENANT, id, clock.instant()));
    queue.fetch(32, Duration.ofMinutes(1)).forEach(queue::delete);
    jobs.transition(TENANT, id, JobStatus.QUEUED, JobStatus.LAUNCHING, null, clock, j -> j.withAttempt(1));
    newLauncher().launch(new LaunchRequest(id, TENANT, 1, new WorkerResources(2, 1, 0)));

    dispatcher().start();

    awaitStatus(id, JobStatus.COMPLETED);
    assertThat(runs(id)).containsExactly("1");
    assertThat(job(id).attempt()).isEqualTo(1);
  }

  @Test
  void aWorkerThatDiedWhileTheDispatcherWasDownIsRetried() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "20");
    String id = startJob(2);
    LocalDispatcher crashed = dispatcher();
    await().atMost(WAIT).until(() -> {
      crashed.pass();
      return job(id).status() == JobStatus.PROCESSING;
    });
    dispatchers.remove(crashed);
    worker(id, 1).orElseThrow().destroyForcibly();
    workerEnv.put("FAKE_WORK_STEPS", "2");

    dispatcher().start();

    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(runs(id)).containsExactly("1", "2");
  }

  @Test
  void closingStopsTheWorkersAndTheNextStartResumesTheJob() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "50");
    String id = startJob(2);
    LocalDispatcher first = dispatcher();
    first.start();
    awaitStatus(id, JobStatus.PROCESSING);
    ProcessHandle worker = worker(id, 1).orElseThrow();

    first.close();

    assertThat(worker.isAlive()).isFalse();
    workerEnv.put("FAKE_WORK_STEPS", "2");
    dispatcher().start();
    Job done = awaitStatus(id, JobStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
  }

  @Test
  void aCancelledJobLosesItsWorker() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "200");
    String id = startJob(2);
    dispatcher().start();
    awaitStatus(id, JobStatus.PROCESSING);
    ProcessHandle worker = worker(id, 1).orElseThrow();

    jobs.transition(TENANT, id, JobStatus.PROCESSING, JobStatus.CANCELLED, "cancelled by the user", clock, j -> j);

    await().atMost(WAIT).until(() -> !worker.isAlive());
    assertThat(job(id).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(Files.exists(data.resolve("workers/biotrack-" + id + "-1"))).isFalse();
  }

  @Test
  void aJobPastItsDeadlineFailsAndLosesItsWorker() throws Exception {
    workerEnv.put("FAKE_WORK_STEPS", "200");
    String id = startJob(2);
    dispatcher(2, new JobLimits(3, Duration.ofSeconds(2), null)).start();
    await().atMost(WAIT).until(() -> worker(id, 1).isPresent());
    ProcessHandle worker = worker(id, 1).orElseThrow();

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
    await().atMost(WAIT).until(() -> {
      dispatcher.pass();
      mostAtOnce.accumulateAndGet(dispatcher.activeWorkloads(), Math::max);
      for (String id : List.of(first, second)) {
        if (job(id).attempt() > 0 && !admitted.contains(id)) {
          admitted.add(id);
        }
      }
      return List.of(first, second).stream().allMatch(id -> job(id).status() == JobStatus.COMPLETED);
    });

    assertThat(mostAtOnce.get()).isEqualTo(1);
    assertThat(admitted).containsExactly(first, second);
  }

  @Test
  void aMessageThatCannotBeTakenEndsInThePoisonQueue() {
    queue.send("{\"version\":1,\"jobId\":\"nosuchjob\",\"tenant\":\"local\"}");
    queue.send("not json at all");

    dispatcher().start();

    await().atMost(WAIT).untilAsserted(
        () -> assertThat(queue.peekPoison(10))
            .containsExactlyInAnyOrder(
                "{\"version\":1,\"jobId\":\"nosuchjob\",\"tenant\":\"local\"}", "not json at all"));
  }

  @Test
  void aSecondDispatcherOnTheSameDataDirectoryRefusesToStart() {
    dispatcher().start();

    assertThatThrownBy(() -> dispatcher().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another Biotrack dispatcher is running");
  }
}
