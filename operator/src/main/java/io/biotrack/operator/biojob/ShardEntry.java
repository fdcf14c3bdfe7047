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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardEntry(
    int shard,
    int attempt,
    WorkloadRef workload,
    String attemptStartedAt,
    String attemptEndedAt,
    String attemptFailure,
    Counts seen) {

  public static ShardEntry of(ShardState state) {
    return new ShardEntry(
        state.shard(),
        state.attempt(),
        WorkloadRef.of(state.workload()),
        text(state.attemptStartedAt()),
        text(state.attemptEndedAt()),
        state.attemptFailure(),
        Counts.of(state.seen()));
  }

  public ShardState toState() {
    return new ShardState(
        shard,
        attempt,
        workload == null ? null : workload.toHandle(),
        instant(attemptStartedAt),
        instant(attemptEndedAt),
        attemptFailure,
        seen == null ? null : seen.toTally());
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
