package io.biotrack.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Admission.Entry job(String id, int secondsAfter, int workloads, boolean wantsMore) {
    return new Admission.Entry(id, T0.plusSeconds(secondsAfter), workloads, 2, wantsMore);
  }

  @Test
  void aLoneJobGetsEverySlot() {
    Admission admission = new Admission(10, 0);
    assertThat(admission.grant(job("a", 0, 0, true), List.of())).isEqualTo(10);
  }

  @Test
  void grantsAreReservedUntilTheJobsStateShowsThem() {
    Admission admission = new Admission(3, 0);
    Admission.Entry a = job("a", 0, 0, true);
    Admission.Entry b = job("b", 1, 0, true);
    assertThat(admission.grant(a, List.of(a, b))).isEqualTo(2);
    // b decides before a's state is saved: a's two slots are still taken.
    assertThat(admission.grant(b, List.of(a, b))).isEqualTo(1);
    admission.settle("a");
    admission.settle("b");
    assertThat(
            admission.grant(
                job("c", 2, 0, true), List.of(job("a", 0, 2, true), job("b", 1, 1, true))))
        .isZero();
  }

  @Test
  void aNewJobGetsItsFairShareAsSlotsFree() {
    Admission admission = new Admission(10, 0);
    Admission.Entry big = job("big", 0, 9, true); // 10 running, one just finished
    Admission.Entry late = job("late", 5, 0, true);
    assertThat(admission.grant(big, List.of(big, late))).as("big is above its share of 5").isZero();
    assertThat(admission.grant(late, List.of(big, late))).isEqualTo(1);
  }

  @Test
  void whenSlotsAreShortTheEarlierJobGoesFirst() {
    Admission admission = new Admission(1, 0);
    Admission.Entry first = job("first", 0, 0, true);
    Admission.Entry second = job("second", 1, 0, true);
    assertThat(admission.grant(second, List.of(first, second))).isZero();
    assertThat(admission.grant(first, List.of(first, second))).isEqualTo(1);
  }

  @Test
  void aShareNobodyElseCanUseGoesToWhoeverCan() {
    Admission admission = new Admission(10, 0);
    Admission.Entry busy = job("busy", 0, 6, true);
    Admission.Entry done = job("done", 1, 1, false); // its last shard runs; it wants no more
    assertThat(admission.grant(busy, List.of(busy, done))).isEqualTo(3);
  }

  @Test
  void aCoreCapLimitsLikeTheWorkloadCap() {
    Admission admission = new Admission(10, 7); // 2 cores per workload: at most 3
    assertThat(admission.grant(job("a", 0, 0, true), List.of())).isEqualTo(3);
  }

  @Test
  void aJobThatWantsNothingGetsNothing() {
    Admission admission = new Admission(10, 0);
    assertThat(admission.grant(job("a", 0, 2, false), List.of())).isZero();
  }
}
