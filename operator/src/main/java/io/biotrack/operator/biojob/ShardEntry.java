package io.biotrack.operator.biojob;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.dispatch.ShardState;
import java.time.Instant;

/**
 * One entry of {@code status.activeShards}: a shard that was launched and has not completed (it
 * runs, or its last attempt failed and it waits for the next). Core's {@link ShardState}.
 *
 * @param workload its attempt's workload while that exists
 * @param attemptFailure why its last failed attempt failed
 * @param seen the last counts it reported
 * @param stops how many of its attempts were stopped by a signal rather than failed (up to {@link
 *     ShardState#FREE_STOPS} are not counted against {@code maxAttempts}); absent for none, as in
 *     statuses written before stops were counted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardEntry(
    int shard,
    int attempt,
    WorkloadRef workload,
    String attemptStartedAt,
    String attemptEndedAt,
    String attemptFailure,
    Counts seen,
    Integer stops) {

  public static ShardEntry of(ShardState state) {
    return new ShardEntry(
        state.shard(),
        state.attempt(),
        WorkloadRef.of(state.workload()),
        text(state.attemptStartedAt()),
        text(state.attemptEndedAt()),
        state.attemptFailure(),
        Counts.of(state.seen()),
        state.stops() > 0 ? state.stops() : null);
  }

  public ShardState toState() {
    return new ShardState(
        shard,
        attempt,
        workload == null ? null : workload.toHandle(),
        instant(attemptStartedAt),
        instant(attemptEndedAt),
        attemptFailure,
        seen == null ? null : seen.toTally(),
        stops == null ? 0 : stops);
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
