package io.biotrack.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.dispatch.Decision.Cancel;
import io.biotrack.dispatch.Decision.Complete;
import io.biotrack.dispatch.Decision.EndAttempt;
import io.biotrack.dispatch.Decision.Fail;
import io.biotrack.dispatch.Decision.Finish;
import io.biotrack.dispatch.Decision.Launch;
import io.biotrack.dispatch.Decision.Merge;
import io.biotrack.dispatch.Decision.Remove;
import io.biotrack.dispatch.Decision.Report;
import io.biotrack.dispatch.Decision.Seen;
import io.biotrack.dispatch.Decision.Wait;
import io.biotrack.job.Inference;
import io.biotrack.job.Job;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.job.ShardCounts;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.Tally;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {
  static final String ID = "0123456789abcdefghjkmnpqrs";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final DispatchSettings SETTINGS =
      new DispatchSettings(
          4, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5));
  static final JobLimits LIMITS = new JobLimits(3, null, null);

  final DispatchPolicy policy = new DispatchPolicy(SETTINGS);

  /** A started job of {@code images} photos in shards of {@code shardSize}. */
  static Job job(JobStatus status, int images, int shardSize) {
    Job job =
        Job.newPending(
                ID, "tenant-a", "n", images, JobOptions.DEFAULTS.withShardSize(shardSize), T0)
            .withVersion("1");
    if (status == JobStatus.PENDING) {
      return job;
    }
    job = job.moveTo(JobStatus.QUEUED, null, T0).withManifest("m1", images, T0);
    if (status == JobStatus.QUEUED) {
      return job;
    }
    job = job.moveTo(JobStatus.LAUNCHING, null, T0).withAttempt(1);
    if (status == JobStatus.LAUNCHING) {
      return job;
    }
    job = job.moveTo(JobStatus.PROCESSING, null, T0);
    if (status == JobStatus.PROCESSING) {
      return job;
    }
    return job.moveTo(status, status == JobStatus.COMPLETED ? null : "done", T0);
  }

  static WorkloadHandle handle(int shard, int attempt) {
    return new WorkloadHandle("local", ShardNames.workload(ID, shard, attempt), "42");
  }

  static DispatchState running(int... shards) {
    DispatchState state = DispatchState.NEW.withShardTotal(shards.length);
    for (int shard : shards) {
      state = state.launched(shard, 1, handle(shard, 1), T0);
    }
    return state;
  }

  /** One round's input; add observations with the helpers. */
  final class Round {
    Job job;
    DispatchState state = DispatchState.NEW;
    final Map<Integer, WorkloadStatus> workloads = new HashMap<>();
    final Map<Integer, ShardProgress> progress = new HashMap<>();
    JobLimits limits = LIMITS;
    int grant = 4;
    boolean cancel;
    Instant now = T0.plusSeconds(1);

    Round(Job job) {
      this.job = job;
    }

    Round state(DispatchState s) {
      state = s;
      return this;
    }

    Round workload(int shard, WorkloadStatus status) {
      workloads.put(shard, status);
      return this;
    }

    Round progress(int shard, int processed, boolean complete) {
      progress.put(shard, new ShardProgress(1, 10, processed, 0, processed, complete));
      return this;
    }

    Round progress(int shard, ShardProgress report) {
      progress.put(shard, report);
      return this;
    }

    Round grant(int n) {
      grant = n;
      return this;
    }

    Round at(Instant when) {
      now = when;
      return this;
    }

    List<Decision> decide() {
      return policy.decide(
          new DispatchInput(job, state, workloads, progress, cancel, limits, grant, now));
    }
  }

  Round round(Job job) {
    return new Round(job);
  }

  static <T extends Decision> List<T> only(List<Decision> decisions, Class<T> type) {
    return decisions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Nested
  class Launching {
    @Test
    void launchesAsManyShardsAsTheGrantAllowsInOrder() {
      List<Decision> d = round(job(JobStatus.QUEUED, 25, 10)).grant(2).decide();
      assertThat(only(d, Launch.class)).containsExactly(new Launch(0, 1), new Launch(1, 1));
      Report report = only(d, Report.class).get(0);
      assertThat(report.shards()).isEqualTo(new ShardCounts(3, 2, 0, 0));
      assertThat(report.attempt()).isEqualTo(1);
    }

    @Test
    void waitsForCapacityWithAStableReasonWhenNothingIsGranted() {
      List<Decision> d = round(job(JobStatus.QUEUED, 5, 10)).grant(0).decide();
      assertThat(only(d, Launch.class)).isEmpty();
      assertThat(only(d, Wait.class).get(0).reason())
          .isEqualTo("waiting for capacity: at most 4 workloads run at once");
    }

    @Test
    void launchesTheRemainingShardsOnceOthersRun() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 40, 10))
              .state(running(0, 1))
              .workload(0, WorkloadStatus.RUNNING)
              .workload(1, WorkloadStatus.RUNNING)
              .grant(1)
              .decide();
      assertThat(only(d, Launch.class)).containsExactly(new Launch(2, 1));
    }

    @Test
    void aJobWithoutAManifestFails() {
      Job unstarted =
          Job.newPending(ID, "t", "n", 3, JobOptions.DEFAULTS, T0)
              .withVersion("1")
              .moveTo(JobStatus.QUEUED, null, T0);
      assertThat(round(unstarted).decide()).singleElement().isInstanceOf(Fail.class);
    }

    @Test
    void aPendingJobWaits() {
      assertThat(round(job(JobStatus.PENDING, 3, 10)).decide())
          .singleElement()
          .isInstanceOf(Wait.class);
    }
  }

  @Nested
  class Progress {
    @Test
    void aRunningShardsCountsAreSeenAndTheJobMovesToProcessing() {
      List<Decision> d =
          round(job(JobStatus.LAUNCHING, 10, 10))
              .state(running(0))
              .workload(0, WorkloadStatus.RUNNING)
              .progress(0, 4, false)
              .decide();
      assertThat(only(d, Seen.class)).containsExactly(new Seen(0, new Tally(4, 0, 4)));
      Report report = only(d, Report.class).get(0);
      assertThat(report.phase()).isEqualTo(JobStatus.PROCESSING);
      assertThat(report.tally()).isEqualTo(new Tally(4, 0, 4));
      assertThat(only(d, Wait.class).get(0).reason()).isEqualTo("processing");
    }

    @Test
    void countsNeverGoBackwards() {
      DispatchState state = running(0).seen(0, new Tally(6, 0, 6));
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 10, 10))
              .state(state)
              .workload(0, WorkloadStatus.RUNNING)
              .progress(0, 2, false) // a new attempt's first report, before it read the checkpoint
              .decide();
      assertThat(only(d, Seen.class)).isEmpty();
      assertThat(only(d, Report.class).get(0).tally()).isEqualTo(new Tally(6, 0, 6));
    }

    @Test
    void aCompleteShardEndsItsWorkloadAndIsCompleted() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 20, 10))
              .state(running(0, 1))
              .workload(0, WorkloadStatus.succeeded())
              .workload(1, WorkloadStatus.RUNNING)
              .progress(0, 10, true)
              .decide();
      assertThat(d)
          .startsWith(new EndAttempt(0, handle(0, 1), null), new Complete(0, new Tally(10, 0, 10)));
      assertThat(only(d, Report.class).get(0).shards()).isEqualTo(new ShardCounts(2, 1, 1, 0));
    }

    /** Issue 14: the job's status says where its workers run the model and at what batch size. */
    @Test
    void theWorkersDeviceAndBatchSizeReachTheJobAndItsMerge() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 20, 10))
              .state(running(0, 1))
              .workload(0, WorkloadStatus.RUNNING)
              .workload(1, WorkloadStatus.RUNNING)
              .progress(0, new ShardProgress(1, 10, 4, 0, 4, false, "cuda:0", 8))
              .progress(1, 3, false) // an older worker that does not say
              .decide();
      assertThat(only(d, Report.class).get(0).shards())
          .isEqualTo(new ShardCounts(2, 2, 0, 0, new Inference("cuda:0", 8)));

      Job reported =
          job(JobStatus.PROCESSING, 15, 10)
              .withShards(new ShardCounts(2, 1, 1, 0, new Inference("cuda:0", 8)), T0);
      List<Decision> last =
          round(reported)
              .state(running(1).completed(0, new Tally(10, 1, 5)))
              .workload(1, WorkloadStatus.succeeded())
              .progress(1, 5, true)
              .decide();
      assertThat(only(last, Merge.class).get(0).inference()).isEqualTo(new Inference("cuda:0", 8));
    }

    @Test
    void theLastShardCompletingMergesTheJob() {
      DispatchState state = running(1).completed(0, new Tally(10, 1, 5));
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 15, 10))
              .state(state)
              .workload(1, WorkloadStatus.succeeded())
              .progress(1, 5, true)
              .decide();
      assertThat(d)
          .containsExactly(
              new EndAttempt(1, handle(1, 1), null),
              new Complete(1, new Tally(5, 0, 5)),
              new Merge(2, new Tally(15, 1, 10)));
    }

    @Test
    void aShardWhoseWorkerDiedAfterWritingItsResultsStillCompletes() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 10, 10))
              .state(running(0))
              .workload(0, WorkloadStatus.failed(WorkerExitCodes.OUT_OF_MEMORY, null))
              .progress(0, 10, true)
              .decide();
      assertThat(only(d, Complete.class)).hasSize(1);
      assertThat(only(d, Merge.class)).hasSize(1);
    }
  }

  @Nested
  class FailedAttempts {
    @Test
    void aFailedShardEndsItsAttemptAndTheOthersGoOn() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 20, 10))
              .state(running(0, 1))
              .workload(0, WorkloadStatus.failed(WorkerExitCodes.OUT_OF_MEMORY, null))
              .workload(1, WorkloadStatus.RUNNING)
              .decide();
      EndAttempt end = only(d, EndAttempt.class).get(0);
      assertThat(end.shard()).isZero();
      assertThat(end.failure())
          .isEqualTo(
              "shard 0 (photos 1–10) attempt 1 failed with exit code 3 (it ran out of memory)");
      assertThat(only(d, Report.class).get(0).shards()).isEqualTo(new ShardCounts(2, 1, 0, 1));
    }

    @Test
    void aWorkerStoppedByCtrlCOrTheStoppingPlatformWasStoppedNotFailed() {
      for (int code : new int[] {130, 143}) {
        List<Decision> d =
            round(job(JobStatus.PROCESSING, 10, 10))
                .state(running(0))
                .workload(0, WorkloadStatus.failed(code, null))
                .decide();
        EndAttempt end = only(d, EndAttempt.class).get(0);
        assertThat(end.stopped()).isTrue();
        assertThat(end.failure())
            .isEqualTo(
                "shard 0 (photos 1–10) attempt 1 was stopped (exit code "
                    + code
                    + "); the next"
                    + " attempt resumes from its checkpoint");
      }
    }

    /**
     * A worker stopped by a signal (Ctrl-C, a node drained, the platform stopping) did not fail:
     * its shard goes on, however often that happens up to a bound, without using up attempts. The
     * rounds apply each EndAttempt and Launch to the state as the engine does.
     */
    @Test
    void stopsDoNotUseUpAttempts() {
      Job job = job(JobStatus.PROCESSING, 10, 10);
      DispatchState state = running(0);
      Instant now = T0;
      for (int stop = 1; stop <= 5; stop++) {
        now = now.plusSeconds(120);
        List<Decision> stopped =
            round(job).state(state).workload(0, WorkloadStatus.failed(143, null)).at(now).decide();
        assertThat(only(stopped, Fail.class)).as("stop %d", stop).isEmpty();
        state = ended(state, only(stopped, EndAttempt.class).get(0), now);

        now = now.plusSeconds(120); // past the backoff
        List<Decision> next = round(job).state(state).at(now).decide();
        assertThat(only(next, Fail.class)).as("after stop %d", stop).isEmpty();
        assertThat(only(next, Launch.class))
            .as("after stop %d", stop)
            .containsExactly(new Launch(0, stop + 1));
        state = state.launched(0, stop + 1, handle(0, stop + 1), now);
      }
      // Then a real failure still counts as one of the three attempts.
      now = now.plusSeconds(120);
      List<Decision> failed =
          round(job)
              .state(state)
              .workload(0, WorkloadStatus.failed(WorkerExitCodes.ATTEMPT_FAILED, null))
              .at(now)
              .decide();
      state = ended(state, only(failed, EndAttempt.class).get(0), now);
      assertThat(only(round(job).state(state).at(now.plusSeconds(120)).decide(), Launch.class))
          .containsExactly(new Launch(0, 7));
    }

    @Test
    void stopsBeyondTheBoundCount() {
      Job job = job(JobStatus.PROCESSING, 10, 10);
      DispatchState state = running(0);
      Instant now = T0;
      List<Decision> last = List.of();
      for (int attempt = 1; only(last, Fail.class).isEmpty(); attempt++) {
        assertThat(attempt)
            .as("a worker that is always stopped ends its job")
            .isLessThanOrEqualTo(20);
        now = now.plusSeconds(120);
        List<Decision> stopped =
            round(job).state(state).workload(0, WorkloadStatus.failed(130, null)).at(now).decide();
        state = ended(state, only(stopped, EndAttempt.class).get(0), now);
        now = now.plusSeconds(120);
        last = round(job).state(state).at(now).decide();
        if (only(last, Fail.class).isEmpty()) {
          state = state.launched(0, attempt + 1, handle(0, attempt + 1), now);
        }
      }
      // 10 stops are free, then 3 more use up the 3 attempts.
      assertThat(only(last, Fail.class).get(0).message())
          .startsWith(
              "gave up on shard 0 (photos 1–10) after 13 attempt(s), 13 of them stopped; last:");
    }

    /** The state after an EndAttempt, as the engine records it. */
    static DispatchState ended(DispatchState state, EndAttempt end, Instant now) {
      return state.attemptEnded(end.shard(), end.failure(), end.stopped(), now);
    }

    @Test
    void aWorkerThatFailedIsNotStopped() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 10, 10))
              .state(running(0))
              .workload(0, WorkloadStatus.failed(WorkerExitCodes.ATTEMPT_FAILED, null))
              .decide();
      assertThat(only(d, EndAttempt.class).get(0).stopped()).isFalse();
    }

    @Test
    void theShardIsRetriedAloneAfterItsBackoff() {
      DispatchState state = running(0, 1).attemptEnded(0, "exit 1", T0.plusSeconds(1));
      List<Decision> early =
          round(job(JobStatus.PROCESSING, 20, 10))
              .state(state)
              .workload(1, WorkloadStatus.RUNNING)
              .at(T0.plusSeconds(5))
              .decide();
      assertThat(only(early, Launch.class)).isEmpty();

      List<Decision> later =
          round(job(JobStatus.PROCESSING, 20, 10))
              .state(state)
              .workload(1, WorkloadStatus.RUNNING)
              .at(T0.plusSeconds(11))
              .decide();
      assertThat(only(later, Launch.class)).containsExactly(new Launch(0, 2));
      assertThat(only(later, Report.class).get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aShardOutOfAttemptsFailsTheJob() {
      DispatchState state =
          DispatchState.NEW
              .launched(0, 3, handle(0, 3), T0)
              .attemptEnded(0, "shard 0 (photos 1–10) attempt 3 failed with exit code 1", T0);
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 10, 10)).state(state).at(T0.plusSeconds(500)).decide();
      assertThat(d)
          .containsExactly(
              new Fail(
                  "gave up on shard 0 (photos 1–10) after 3 attempt(s); last: shard 0 (photos"
                      + " 1–10) attempt 3 failed with exit code 1"));
    }

    @Test
    void aConfigurationErrorFailsTheJobAtOnce() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 20, 10))
              .state(running(0, 1))
              .workload(0, WorkloadStatus.failed(WorkerExitCodes.BAD_CONFIGURATION, null))
              .workload(1, WorkloadStatus.RUNNING)
              .decide();
      assertThat(d).singleElement().isInstanceOf(Fail.class);
      assertThat(((Fail) d.get(0)).message()).endsWith("the worker reported a configuration error");
    }

    @Test
    void aWorkloadThatVanishedOrExitedEarlyIsAFailedAttempt() {
      List<Decision> d =
          round(job(JobStatus.PROCESSING, 20, 10))
              .state(running(0, 1))
              .workload(0, WorkloadStatus.NOT_FOUND)
              .workload(1, WorkloadStatus.succeeded())
              .decide();
      assertThat(only(d, EndAttempt.class))
          .extracting(EndAttempt::failure)
          .containsExactly(
              "shard 0 (photos 1–10) attempt 1's workload disappeared",
              "shard 1 (photos 11–20) attempt 1 exited 0 without finishing its shard");
    }
  }

  @Nested
  class EndingTheJob {
    @Test
    void aCancelledJobLosesEveryWorkload() {
      List<Decision> d = round(job(JobStatus.CANCELLED, 20, 10)).state(running(0, 1)).decide();
      assertThat(d)
          .containsExactly(
              new EndAttempt(0, handle(0, 1), null), new EndAttempt(1, handle(1, 1), null));
    }

    @Test
    void aCancelRequestedOnTheDispatcherCancelsTheJob() {
      Round r = round(job(JobStatus.PROCESSING, 10, 10)).state(running(0));
      r.cancel = true;
      assertThat(r.decide()).containsExactly(new Cancel("cancelled by request"));
    }

    @Test
    void theDeadlineFailsTheJob() {
      Round r = round(job(JobStatus.PROCESSING, 10, 10)).state(running(0)).at(T0.plusSeconds(61));
      r.limits = new JobLimits(3, Duration.ofSeconds(60), null);
      assertThat(r.decide()).containsExactly(new Fail("exceeded the active deadline of 60 s"));
    }

    @Test
    void aFinishedJobWithoutWorkloadsIsNotedThenRemovedAfterItsTtl() {
      Round first =
          round(job(JobStatus.COMPLETED, 10, 10)).state(DispatchState.NEW.withShardTotal(1));
      assertThat(first.decide()).containsExactly(new Finish(JobStatus.COMPLETED));

      DispatchState finished = DispatchState.NEW.finished(T0);
      Round kept = round(job(JobStatus.COMPLETED, 10, 10)).state(finished).at(T0.plusSeconds(30));
      kept.limits = new JobLimits(3, null, Duration.ofSeconds(60));
      assertThat(kept.decide()).singleElement().isInstanceOf(Wait.class);
      Round gone = round(job(JobStatus.COMPLETED, 10, 10)).state(finished).at(T0.plusSeconds(61));
      gone.limits = new JobLimits(3, null, Duration.ofSeconds(60));
      assertThat(gone.decide()).containsExactly(new Remove("ttlSecondsAfterFinished elapsed"));
    }

    @Test
    void aDeletedJobRecordEndsTheWorkloadsThenIsForgotten() {
      assertThat(round(null).state(running(0)).decide())
          .containsExactly(new EndAttempt(0, handle(0, 1), null));
      assertThat(round(null).decide())
          .containsExactly(new Remove("the job record no longer exists"));
    }
  }
}
