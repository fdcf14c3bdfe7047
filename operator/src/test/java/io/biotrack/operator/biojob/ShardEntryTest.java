package io.biotrack.operator.biojob;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.dispatch.ShardState;
import io.biotrack.launch.WorkloadHandle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code status.activeShards} keeps a shard's stops, and older statuses without them read as none.
 */
class ShardEntryTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aShardsStopsRoundTripThroughTheStatus() throws Exception {
    ShardState state =
        ShardState.launched(2, 1, new WorkloadHandle("kubernetes", "biotrack-x-2-1", null), T0)
            .ended("shard 2 attempt 1 was stopped (exit code 143)", true, T0.plusSeconds(9));
    ObjectMapper json = new ObjectMapper();

    String written = json.writeValueAsString(ShardEntry.of(state));

    assertThat(written).contains("\"stops\":1");
    assertThat(json.readValue(written, ShardEntry.class).toState()).isEqualTo(state);
  }

  @Test
  void anEntryWrittenBeforeStopsWereCountedHasNone() throws Exception {
    String before =
        "{\"shard\":0,\"attempt\":2,\"attemptStartedAt\":\"2026-01-01T00:00:00Z\","
            + "\"attemptEndedAt\":\"2026-01-01T00:01:00Z\",\"attemptFailure\":\"exit 1\"}";

    ShardState state = new ObjectMapper().readValue(before, ShardEntry.class).toState();

    assertThat(state.stops()).isZero();
    assertThat(state.countedAttempts()).isEqualTo(2);
    assertThat(new ObjectMapper().writeValueAsString(ShardEntry.of(state))).doesNotContain("stops");
  }
}
