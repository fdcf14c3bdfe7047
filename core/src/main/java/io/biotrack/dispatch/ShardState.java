package io.biotrack.dispatch;

import io.biotrack.launch.WorkloadHandle;
import io.biotrack.shard.Tally;
import java.time.Instant;
import java.util.Objects;

/**
 * A dispatcher's memory of one shard that was launched and has not completed.
 *
 * @param attempt the attempt last launched (from 1)
 * @param workload that attempt's workload while it exists; null once deleted
 * @param attemptEndedAt when that attempt's workload was seen to end; null while it runs
 * @param attemptFailure why the last failed attempt failed; null if none failed
 * @param seen the last counts the shard reported (they only grow: a retry resumes from its
 *     checkpoint), so the job's progress never goes backwards between attempts
 * @param stops how many of its attempts were stopped by a signal ({@link
 *     io.biotrack.launch.WorkerExitCodes#stopped}) rather than failed
 */
public record ShardState(
    int shard,
    int attempt,
    WorkloadHandle workload,
    Instant attemptStartedAt,
    Instant attemptEndedAt,
    String attemptFailure,
    Tally seen,
    int stops) {

  /**
   * Stopped attempts that do not count against {@code maxAttempts}; stops beyond these do. A stop
   * is not the worker's failure (Ctrl-C, a node drained, the platform stopping), so it must not use
   * up the attempts a job has for real failures. But something that stops every worker it meets (an
   * eviction loop, a sidecar or policy that always sends SIGTERM) would then retry a shard for
   * ever, holding a workload slot and costing money: past this many stops the job fails as it would
   * for failures, with a message that says its attempts were stopped.
   */
  public static final int FREE_STOPS = 10;

  public ShardState {
    if (shard < 0 || attempt < 1) {
      throw new IllegalArgumentException("shards count from 0, attempts from 1");
    }
    if (stops < 0 || stops > attempt) {
      throw new IllegalArgumentException("stops count the attempts that were stopped");
    }
    seen = seen == null ? Tally.ZERO : seen;
  }

  public static ShardState launched(int shard, int attempt, WorkloadHandle workload, Instant now) {
    return new ShardState(
        shard, attempt, Objects.requireNonNull(workload), now, null, null, null, 0);
  }

  /** The next attempt of this shard runs as {@code workload}. */
  public ShardState relaunched(int nextAttempt, WorkloadHandle workload, Instant now) {
    return new ShardState(shard, nextAttempt, workload, now, null, attemptFailure, seen, stops);
  }

  /**
   * The workload is gone; {@code failure} says why the attempt failed, {@code stopped} whether it
   * was stopped by a signal instead.
   */
  public ShardState ended(String failure, boolean stopped, Instant now) {
    return new ShardState(
        shard,
        attempt,
        null,
        attemptStartedAt,
        now,
        failure == null ? attemptFailure : failure,
        seen,
        stops + (stopped ? 1 : 0));
  }

  public ShardState withSeen(Tally counts) {
    return new ShardState(
        shard, attempt, workload, attemptStartedAt, attemptEndedAt, attemptFailure, counts, stops);
  }

  /**
   * The attempts that count against {@code maxAttempts}: all but the first {@link #FREE_STOPS}
   * stops.
   */
  public int countedAttempts() {
    return attempt - Math.min(stops, FREE_STOPS);
  }

  public boolean running() {
    return workload != null;
  }
}
