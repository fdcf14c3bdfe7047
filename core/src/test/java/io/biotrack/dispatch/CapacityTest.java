package io.biotrack.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.dispatch.Capacity.Entry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void countsOthersHoldingSlotsAndOlderWaitingJobs() {
    Entry self = new Entry("m", T.plusSeconds(10), false, true);
    List<Entry> all =
        List.of(
            self,
            new Entry("a", T, true, false), // running
            new Entry("b", T.plusSeconds(1), false, true), // waiting, older
            new Entry("c", T.plusSeconds(20), false, true), // waiting, newer
            new Entry("d", T, false, false)); // finished
    assertThat(Capacity.of(self, all)).isEqualTo(new Capacity(1, 1));
  }

  @Test
  void equalTimesPutTheOlderJobFirstWhichHasTheLargerId() {
    Entry older = new Entry("z0000000000000000000000000", T, false, true);
    Entry newer = new Entry("a0000000000000000000000000", T, false, true);
    List<Entry> all = List.of(older, newer);
    assertThat(Capacity.of(older, all).waitingAhead()).isZero();
    assertThat(Capacity.of(newer, all).waitingAhead()).isEqualTo(1);
  }

  @Test
  void aJobNeverCountsItself() {
    Entry self = new Entry("a", T, true, false);
    assertThat(Capacity.of(self, List.of(self))).isEqualTo(new Capacity(0, 0));
  }

  @Test
  void onlyAdmittedUnfinishedJobsHoldSlots() {
    assertThat(DispatchState.NEW.holdsSlot()).isFalse();
    DispatchState launched =
        DispatchState.NEW.launched(1, new io.biotrack.launch.WorkloadHandle("local", "w", "1"), T);
    assertThat(launched.holdsSlot()).isTrue();
    assertThat(launched.attemptEnded(null, T).holdsSlot()).isTrue();
    assertThat(launched.attemptEnded(null, T).finished(T).holdsSlot()).isFalse();
  }
}
