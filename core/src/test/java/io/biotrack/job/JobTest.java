package io.biotrack.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  private static final String ID = "00000000000000000000000000";

  private final Job pending = Job.newPending(ID, "acme", "survey", 3, JobOptions.DEFAULTS, T0);

  @Test
  void aNewJobIsPendingWithNoAttemptAndNoVersion() {
    assertThat(pending.status()).isEqualTo(JobStatus.PENDING);
    assertThat(pending.attempt()).isZero();
    assertThat(pending.version()).isNull();
    assertThat(pending.counts()).isEqualTo(JobCounts.ofImages(3));
    assertThat(pending.createdAt()).isEqualTo(T0);
    assertThat(pending.updatedAt()).isEqualTo(T0);
    assertThat(pending.startedAt()).isNull();
    assertThat(pending.completedAt()).isNull();
  }

  @Test
  void movingSetsUpdatedAtAndTheTimestampsTheStateImplies() {
    Job processing =
        pending
            .moveTo(JobStatus.QUEUED, null, T0)
            .moveTo(JobStatus.LAUNCHING, null, T0)
            .withAttempt(1)
            .moveTo(JobStatus.PROCESSING, null, T1);
    assertThat(processing.startedAt()).isEqualTo(T1);
    assertThat(processing.updatedAt()).isEqualTo(T1);
    assertThat(processing.completedAt()).isNull();

    Job completed = processing.moveTo(JobStatus.COMPLETED, "done", T2);
    assertThat(completed.startedAt()).as("first start kept").isEqualTo(T1);
    assertThat(completed.completedAt()).isEqualTo(T2);
    assertThat(completed.message()).isEqualTo("done");
    assertThat(completed.isTerminal()).isTrue();
    assertThat(completed.attempt()).isEqualTo(1);
  }

  @Test
  void aRetryKeepsTheFirstStartTime() {
    Job processing =
        pending
            .moveTo(JobStatus.QUEUED, null, T0)
            .moveTo(JobStatus.LAUNCHING, null, T0)
            .moveTo(JobStatus.PROCESSING, null, T1);
    Job retried = processing.moveTo(JobStatus.LAUNCHING, "worker lost", T2).withAttempt(2);
    Job again = retried.moveTo(JobStatus.PROCESSING, null, T2);
    assertThat(again.startedAt()).isEqualTo(T1);
    assertThat(again.attempt()).isEqualTo(2);
  }

  @Test
  void cancellingAPendingJobCompletesIt() {
    Job cancelled = pending.moveTo(JobStatus.CANCELLED, "by user", T1);
    assertThat(cancelled.completedAt()).isEqualTo(T1);
    assertThat(cancelled.startedAt()).isNull();
  }

  @Test
  void anIllegalMoveIsRejectedAndChangesNothing() {
    assertThatThrownBy(() -> pending.moveTo(JobStatus.COMPLETED, null, T1))
        .isInstanceOf(IllegalTransitionException.class);
    Job failed = pending.moveTo(JobStatus.FAILED, "boom", T1);
    assertThatThrownBy(() -> failed.moveTo(JobStatus.QUEUED, null, T2))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void movingKeepsIdentityOptionsAndVersion() {
    Job stored = pending.withVersion("7");
    Job queued = stored.moveTo(JobStatus.QUEUED, null, T1);
    assertThat(queued.id()).isEqualTo(ID);
    assertThat(queued.tenant()).isEqualTo("acme");
    assertThat(queued.name()).isEqualTo("survey");
    assertThat(queued.options()).isEqualTo(JobOptions.DEFAULTS);
    assertThat(queued.version()).as("the store compares against it").isEqualTo("7");
  }

  @Test
  void invalidValuesAreRefused() {
    assertThatThrownBy(() -> pending.withAttempt(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JobCounts(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JobOptions(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JobOptions(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Job.newPending(ID, "t", null, 0, JobOptions.DEFAULTS, T0).name()).isEmpty();
  }
}
