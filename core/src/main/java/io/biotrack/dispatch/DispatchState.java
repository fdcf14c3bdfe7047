package io.biotrack.dispatch;

import io.biotrack.launch.WorkloadHandle;
import java.time.Instant;

/**
 * What a dispatcher remembers about one job between two decisions: the operator keeps it in
 * {@code BioJob.status}, the embedded dispatcher in its dispatch record. The job record stays the
 * source of truth for the job's state; this is only the dispatcher's own bookkeeping.
 *
 * @param attempt the attempt this dispatcher last launched (0: none yet)
 * @param workload that attempt's workload while it exists; null once deleted (or never launched)
 * @param admittedAt when the job got a slot (the active deadline counts from here)
 * @param attemptStartedAt when the current attempt was launched
 * @param attemptEndedAt when the current attempt's workload was seen to end; null while it runs
 * @param attemptFailure why the last failed attempt failed; null if none failed
 * @param finishedAt when the dispatcher saw the job terminal (the TTL counts from here)
 */
public record DispatchState(
    int attempt,
    WorkloadHandle workload,
    Instant admittedAt,
    Instant attemptStartedAt,
    Instant attemptEndedAt,
    String attemptFailure,
    Instant finishedAt) {

  public static final DispatchState NEW = new DispatchState(0, null, null, null, null, null, null);

  public DispatchState {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt cannot be negative");
    }
  }

  /** True while the job counts against {@code maxConcurrentWorkloads}. */
  public boolean holdsSlot() {
    return attempt > 0 && finishedAt == null;
  }

  /** After {@link Decision.Launch}: attempt {@code k} runs as {@code handle}. */
  public DispatchState launched(int k, WorkloadHandle handle, Instant now) {
    return new DispatchState(
        k, handle, admittedAt == null ? now : admittedAt, now, null, attemptFailure, finishedAt);
  }

  /** After {@link Decision.EndAttempt}: the workload is gone; {@code failure} null if it did not fail. */
  public DispatchState attemptEnded(String failure, Instant now) {
    return new DispatchState(
        attempt, null, admittedAt, attemptStartedAt, now,
        failure == null ? attemptFailure : failure, finishedAt);
  }

  /** After {@link Decision.Finish}. */
  public DispatchState finished(Instant now) {
    return new DispatchState(
        attempt, workload, admittedAt, attemptStartedAt, attemptEndedAt, attemptFailure, now);
  }
}
