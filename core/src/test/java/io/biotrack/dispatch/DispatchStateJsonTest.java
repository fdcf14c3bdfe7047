package io.biotrack.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.launch.WorkloadHandle;
import io.biotrack.shard.Tally;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DispatchStateJsonTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aStateRoundTrips() {
    DispatchState state =
        DispatchState.NEW
            .withShardTotal(5)
            .launched(0, 1, new WorkloadHandle("local", "biotrack-x-0-1", "42"), T0)
            .launched(3, 1, new WorkloadHandle("local", "biotrack-x-3-1", null), T0)
            .completed(0, new Tally(10, 1, 3, 4))
            .launched(1, 1, new WorkloadHandle("aci", "biotrack-x-1-1", "/subs/…"), T0)
            .attemptEnded(1, "attempt 1 failed \"badly\"", T0.plusSeconds(3))
            .launched(
                1, 2, new WorkloadHandle("aci", "biotrack-x-1-2", "/subs/…"), T0.plusSeconds(4))
            .attemptEnded(1, "attempt 2 was stopped", true, T0.plusSeconds(5))
            .seen(3, new Tally(4, 0, 2, 1))
            .finished(T0.plusSeconds(9));
    assertThat(DispatchStateJson.read(DispatchStateJson.write(state))).isEqualTo(state);
  }

  @Test
  void aStateWrittenBeforeStopsWereCountedHasNone() {
    String before =
        "{\"shardTotal\":2,\"completed\":\"\",\"completedTally\":{\"processed\":0,\"failed\":0,"
            + "\"detections\":0},\"shards\":[{\"shard\":1,\"attempt\":2,"
            + "\"attemptStartedAt\":\"2026-01-01T00:00:00Z\",\"attemptEndedAt\":\"2026-01-01T00:00:05Z\",\"attemptFailure\":\"exit"
            + " 1\",\"seen\":{\"processed\":3,\"failed\":0,\"detections\":1}}]}";

    ShardState shard = DispatchStateJson.read(before).shard(1).orElseThrow();

    assertThat(shard.attempt()).isEqualTo(2);
    assertThat(shard.stops()).isZero();
    assertThat(shard.countedAttempts()).isEqualTo(2);
  }

  @Test
  void nothingStoredIsANewState() {
    assertThat(DispatchStateJson.read(null)).isEqualTo(DispatchState.NEW);
    assertThat(DispatchStateJson.read(DispatchStateJson.write(DispatchState.NEW)))
        .isEqualTo(DispatchState.NEW);
  }
}
