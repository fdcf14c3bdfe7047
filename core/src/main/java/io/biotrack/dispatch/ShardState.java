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
 */
public record ShardState(
    int shard,
    int attempt,
    WorkloadHandle workload,
    Instant attemptStartedAt,
    Instant attemptEndedAt,
    String attemptFailure,
    Tally seen) {

  public ShardState {
    if (shard < 0 || attempt < 1) {
      throw new IllegalArgumentException("shards count from 0, attempts from 1");
    }
    seen = seen == null ? Tally.ZERO : seen;
  }

  public static ShardState launched(int shard, int attempt, WorkloadHandle workload, Instant now) {
    return new ShardState(shard, attempt, Objects.requireNonNull(workload), now, null, null, null);
  }

  /** The next attempt of this shard runs as {@code workload}. */
  public ShardState relaunched(int nextAttempt, WorkloadHandle workload, Instant now) {
    return new ShardState(shard, nextAttempt, workload, now, null, attemptFailure, seen);
  }

  /** The workload is gone; {@code failure} says why the attempt failed. */
  public ShardState ended(String failure, Instant now) {
    return new ShardState(
        shard, attempt, null, attemptStartedAt, now, failure == null ? attemptFailure : failure, seen);
  }

  public ShardState withSeen(Tally counts) {
    return new ShardState(shard, attempt, workload, attemptStartedAt, attemptEndedAt, attemptFailure, counts);
  }

  public boolean running() {
    return workload != null;
  }
}
