package io.biotrack.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.dispatch.Decision.Cancel;
import io.biotrack.dispatch.Decision.EndAttempt;
import io.biotrack.dispatch.Decision.Fail;
import io.biotrack.dispatch.Decision.Finish;
import io.biotrack.dispatch.Decision.Launch;
import io.biotrack.dispatch.Decision.Remove;
import io.biotrack.dispatch.Decision.Wait;
import io.biotrack.job.Job;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadNames;
import io.biotrack.launch.WorkloadStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {
  static final String ID = "0123456789abcdefghjkmnpqrs";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final DispatchSettings SETTINGS =
      new DispatchSettings(2, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5));
  static final JobLimits LIMITS = new JobLimits(3, null, null);

  final DispatchPolicy policy = new DispatchPolicy(SETTINGS);

  static Job job(JobStatus status, int attempt) {
    Job job = Job.newPending(ID, "tenant-a", "n", 10, JobOptions.DEFAULTS, T0).withVersion("1");
    switch (status) {
      case PENDING -> {}
      case QUEUED -> job = job.moveTo(JobStatus.QUEUED, null, T0);
      case LAUNCHING -> job = job.moveTo(JobStatus.QUEUED, null, T0).moveTo(JobStatus.LAUNCHING, null, T0);
      case PROCESSING ->
          job = job.moveTo(JobStatus.QUEUED, null, T0).moveTo(JobStatus.LAUNCHING, null, T0)
              .moveTo(JobStatus.PROCESSING, null, T0);
      case COMPLETED -> job = job(JobStatus.PROCESSING, attempt).moveTo(status, null, T0);
      default -> job = job.moveTo(status, "done", T0);
    }
    return job.withAttempt(attempt);
  }

  static WorkloadHandle handle(int attempt) {
    return new WorkloadHandle("local", WorkloadNames.of(ID, attempt), "42");
  }

  static DispatchState running(int attempt) {
    return DispatchState.NEW.launched(attempt, handle(attempt), T0);
  }

  Decision decide(Job job, DispatchState state, WorkloadStatus observed) {
    return decide(job, state, observed, LIMITS, new Capacity(0, 0), false, T0.plusSeconds(1));
  }

  Decision decide(
      Job job, DispatchState state, WorkloadStatus observed, JobLimits limits, Capacity capacity,
      boolean cancel, Instant now) {
    return policy.decide(new DispatchInput(job, state, observed, cancel, limits, capacity, now));
  }

  @Nested
  class Admission {
    @Test
    void launchesTheFirstAttemptWhenASlotIsFree() {
      Decision d =
          decide(job(JobStatus.QUEUED, 0), DispatchState.NEW, WorkloadStatus.NOT_FOUND, LIMITS,
              new Capacity(1, 0), false, T0);
      assertThat(d).isEqualTo(new Launch(1));
    }

    @Test
    void waitsWhileAllSlotsAreTaken() {
      Decision d =
          decide(job(JobStatus.QUEUED, 0), DispatchState.NEW, WorkloadStatus.NOT_FOUND, LIMITS,
              new Capacity(2, 0), false, T0);
      assertThat(d).isInstanceOf(Wait.class);
      assertThat(((Wait) d).recheckAfter()).isEqualTo(SETTINGS.pollInterval());
      assertThat(((Wait) d).reason()).isEqualTo("waiting for capacity: at most 2 workloads run at once");
    }

    @Test
    void waitsBehindOlderQueuedJobsEvenWhenASlotIsFree() {
      Decision d =
          decide(job(JobStatus.QUEUED, 0), DispatchState.NEW, WorkloadStatus.NOT_FOUND, LIMITS,
              new Capacity(1, 1), false, T0);
      assertThat(d).isInstanceOf(Wait.class);
    }

    @Test
    void aJobNotYetStartedWaits() {
      assertThat(decide(job(JobStatus.PENDING, 0), DispatchState.NEW, WorkloadStatus.NOT_FOUND))
          .isInstanceOf(Wait.class);
    }
  }

  @Nested
  class Launching {
    @Test
    void relaunchesTheRecordsAttemptWhenTheDispatcherLostTrackOfIt() {
      // Crash after the record moved to LAUNCHING@1, before the workload was noted.
      assertThat(decide(job(JobStatus.LAUNCHING, 1), DispatchState.NEW, WorkloadStatus.NOT_FOUND))
          .isEqualTo(new Launch(1));
    }

    @Test
    void followsTheRecordToALaterAttempt() {
      DispatchState ended = running(1).attemptEnded("attempt 1 failed", T0);
      assertThat(decide(job(JobStatus.LAUNCHING, 2), ended, WorkloadStatus.NOT_FOUND))
          .isEqualTo(new Launch(2));
    }

    @Test
    void deletesTheWorkloadOfAnEarlierAttempt() {
      assertThat(decide(job(JobStatus.LAUNCHING, 2), running(1), WorkloadStatus.RUNNING))
          .isEqualTo(new EndAttempt(handle(1), null));
    }

    @Test
    void waitsWhileTheWorkloadStartsOrRuns() {
      assertThat(decide(job(JobStatus.LAUNCHING, 1), running(1), WorkloadStatus.WAITING))
          .isEqualTo(new Wait("attempt 1 is starting", SETTINGS.pollInterval()));
      assertThat(decide(job(JobStatus.PROCESSING, 1), running(1), WorkloadStatus.RUNNING))
          .isEqualTo(new Wait("attempt 1 is running", SETTINGS.pollInterval()));
    }
  }

  @Nested
  class FailedAttempts {
    @Test
    void endsAFailedAttemptWithItsExitCodeAndReason() {
      Decision d =
          decide(job(JobStatus.PROCESSING, 1), running(1), WorkloadStatus.failed(137, "OOMKilled"));
      assertThat(d)
          .isEqualTo(new EndAttempt(handle(1), "attempt 1 failed with exit code 137 (OOMKilled)"));
    }

    @Test
    void anOutOfMemoryExitIsAFailedAttemptThatSaysSo() {
      Decision d = decide(job(JobStatus.PROCESSING, 1), running(1), WorkloadStatus.failed(3, "Error"));
      assertThat(d).isEqualTo(new EndAttempt(handle(1),
          "attempt 1 failed with exit code 3 (Error): the worker ran out of memory"));

      DispatchState ended = running(1).attemptEnded(((EndAttempt) d).failure(), T0);
      Decision next =
          decide(job(JobStatus.PROCESSING, 1), ended, WorkloadStatus.NOT_FOUND, LIMITS,
              new Capacity(0, 0), false, T0.plusSeconds(60));
      assertThat(next).as("retried: the next attempt skips the image it died on").isEqualTo(new Launch(2));
    }

    @Test
    void aVanishedWorkloadIsAFailedAttempt() {
      Decision d = decide(job(JobStatus.PROCESSING, 1), running(1), WorkloadStatus.NOT_FOUND);
      assertThat(d).isInstanceOf(EndAttempt.class);
      assertThat(((EndAttempt) d).failure()).contains("disappeared");
    }

    @Test
    void exitZeroWithoutCompletingTheJobIsAFailedAttempt() {
      Decision d = decide(job(JobStatus.PROCESSING, 1), running(1), WorkloadStatus.succeeded());
      assertThat(((EndAttempt) d).failure()).contains("exited 0").contains("PROCESSING");
    }

    @Test
    void aConfigurationErrorFailsTheJobWithoutRetrying() {
      Decision d = decide(job(JobStatus.LAUNCHING, 1), running(1), WorkloadStatus.failed(2, null));
      assertThat(d).isInstanceOf(Fail.class);
      assertThat(((Fail) d).message()).contains("exit code 2").contains("configuration");
    }

    @Test
    void retriesAfterTheBackoff() {
      DispatchState ended = running(1).attemptEnded("attempt 1 failed with exit code 1", T0);
      Job job = job(JobStatus.PROCESSING, 1);
      Decision early =
          decide(job, ended, WorkloadStatus.NOT_FOUND, LIMITS, new Capacity(0, 0), false,
              T0.plusSeconds(4));
      assertThat(early).isInstanceOf(Wait.class);
      assertThat(((Wait) early).recheckAfter()).isEqualTo(Duration.ofSeconds(6));
      assertThat(((Wait) early).reason()).contains("attempt 2 follows");
      Decision due =
          decide(job, ended, WorkloadStatus.NOT_FOUND, LIMITS, new Capacity(0, 0), false,
              T0.plusSeconds(10));
      assertThat(due).isEqualTo(new Launch(2));
    }

    @Test
    void retriesIgnoreAdmissionBecauseTheJobKeepsItsSlot() {
      DispatchState ended = running(1).attemptEnded("boom", T0);
      Decision d =
          decide(job(JobStatus.PROCESSING, 1), ended, WorkloadStatus.NOT_FOUND, LIMITS,
              new Capacity(5, 5), false, T0.plusSeconds(60));
      assertThat(d).isEqualTo(new Launch(2));
    }

    @Test
    void failsAfterTheLastAttempt() {
      DispatchState ended =
          DispatchState.NEW.launched(3, handle(3), T0).attemptEnded("attempt 3 failed with exit code 1", T0);
      Decision d = decide(job(JobStatus.LAUNCHING, 3), ended, WorkloadStatus.NOT_FOUND);
      assertThat(d)
          .isEqualTo(new Fail("gave up after 3 attempt(s); last: attempt 3 failed with exit code 1"));
    }
  }

  @Nested
  class DeadlineAndCancel {
    @Test
    void failsPastTheActiveDeadline() {
      JobLimits limits = new JobLimits(3, Duration.ofSeconds(30), null);
      Job job = job(JobStatus.PROCESSING, 1);
      assertThat(decide(job, running(1), WorkloadStatus.RUNNING, limits, new Capacity(0, 0), false,
              T0.plusSeconds(29)))
          .isInstanceOf(Wait.class);
      assertThat(decide(job, running(1), WorkloadStatus.RUNNING, limits, new Capacity(0, 0), false,
              T0.plusSeconds(30)))
          .isEqualTo(new Fail("exceeded the active deadline of 30 s"));
    }

    @Test
    void theDeadlineDoesNotCountQueuedTime() {
      JobLimits limits = new JobLimits(3, Duration.ofSeconds(30), null);
      Decision d =
          decide(job(JobStatus.QUEUED, 0), DispatchState.NEW, WorkloadStatus.NOT_FOUND, limits,
              new Capacity(0, 0), false, T0.plusSeconds(3600));
      assertThat(d).isEqualTo(new Launch(1));
    }

    @Test
    void aCancelRequestCancelsTheRecord() {
      Decision d =
          decide(job(JobStatus.PROCESSING, 1), running(1), WorkloadStatus.RUNNING, LIMITS,
              new Capacity(0, 0), true, T0);
      assertThat(d).isInstanceOf(Cancel.class);
    }

    @Test
    void aCancelledRecordDeletesTheWorkload() {
      assertThat(decide(job(JobStatus.CANCELLED, 1), running(1), WorkloadStatus.RUNNING))
          .isEqualTo(new EndAttempt(handle(1), null));
    }
  }

  @Nested
  class Finishing {
    @Test
    void aCompletedJobLosesItsWorkloadThenFinishes() {
      Job done = job(JobStatus.COMPLETED, 1);
      assertThat(decide(done, running(1), WorkloadStatus.succeeded()))
          .isEqualTo(new EndAttempt(handle(1), null));
      DispatchState deleted = running(1).attemptEnded(null, T0);
      assertThat(decide(done, deleted, WorkloadStatus.NOT_FOUND))
          .isEqualTo(new Finish(JobStatus.COMPLETED));
    }

    @Test
    void aFinishedJobStaysWithoutTtl() {
      DispatchState finished = running(1).attemptEnded(null, T0).finished(T0);
      assertThat(decide(job(JobStatus.FAILED, 1), finished, WorkloadStatus.NOT_FOUND))
          .isEqualTo(new Wait("finished", null));
    }

    @Test
    void aFinishedJobIsRemovedAfterItsTtl() {
      JobLimits limits = new JobLimits(3, null, Duration.ofSeconds(60));
      DispatchState finished = running(1).attemptEnded(null, T0).finished(T0);
      Job done = job(JobStatus.COMPLETED, 1);
      Decision before =
          decide(done, finished, WorkloadStatus.NOT_FOUND, limits, new Capacity(0, 0), false,
              T0.plusSeconds(45));
      assertThat(((Wait) before).recheckAfter()).isEqualTo(Duration.ofSeconds(15));
      assertThat(decide(done, finished, WorkloadStatus.NOT_FOUND, limits, new Capacity(0, 0), false,
              T0.plusSeconds(60)))
          .isInstanceOf(Remove.class);
    }

    @Test
    void aDeletedRecordDeletesTheWorkloadThenTheDispatchRecord() {
      assertThat(decide(null, running(1), WorkloadStatus.RUNNING))
          .isEqualTo(new EndAttempt(handle(1), null));
      assertThat(decide(null, DispatchState.NEW, WorkloadStatus.NOT_FOUND)).isInstanceOf(Remove.class);
    }

    @Test
    void waitAndRemoveEndAStepOthersContinue() {
      assertThat(new Wait("x", null).continues()).isFalse();
      assertThat(new Remove("x").continues()).isFalse();
      assertThat(new Launch(1).continues()).isTrue();
      assertThat(new Finish(JobStatus.COMPLETED).continues()).isTrue();
    }
  }

  @Test
  void backoffDoublesUpToItsCap() {
    assertThat(SETTINGS.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(SETTINGS.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(SETTINGS.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(SETTINGS.backoffAfter(4)).isEqualTo(Duration.ofSeconds(60));
    assertThat(SETTINGS.backoffAfter(200)).isEqualTo(Duration.ofSeconds(60));
  }
}
