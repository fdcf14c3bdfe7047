package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

  private static Candidate box(
      float x1, float y1, float x2, float y2, float conf, int cls, int row) {
    return new Candidate(x1, y1, x2, y2, conf, cls, row);
  }

  @Test
  void suppressesOverlapsAboveTheThresholdWithinAClass() {
    Candidate best = box(0, 0, 10, 10, 0.9f, 0, 0);
    Candidate overlapping = box(1, 0, 11, 10, 0.8f, 0, 1); // IoU 90/110 = 0.82
    Candidate apart = box(20, 20, 30, 30, 0.7f, 0, 2);

    assertThat(Nms.apply(List.of(apart, overlapping, best))).containsExactly(best, apart);
  }

  @Test
  void anIouOfExactlyTheThresholdIsKept() {
    // Two 10x10 boxes overlapping by 10 x h: IoU = 10h / (200 - 10h). h = 6.2068965... gives 0.45;
    // use boxes whose float IoU is exactly 0.45f: inter 45, union 100 → areas 72.5 each.
    Candidate a = box(0, 0, 14.5f, 5, 0.9f, 0, 0); // area 72.5
    Candidate b = box(5.5f, 0, 20f, 5, 0.8f, 0, 1); // area 72.5, overlap 9 x 5 = 45
    float inter = 9f * 5f;
    assertThat(inter / (a.area() + b.area() - inter)).isEqualTo(0.45f);

    assertThat(Nms.apply(List.of(a, b))).containsExactly(a, b);
  }

  @Test
  void classesAreSuppressedSeparately() {
    Candidate animal = box(0, 0, 10, 10, 0.9f, 0, 0);
    Candidate person = box(0, 0, 10, 10, 0.8f, 1, 1);

    assertThat(Nms.apply(List.of(person, animal))).containsExactly(animal, person);
  }

  @Test
  void keepsTheBest300InDescendingConfidence() {
    List<Candidate> many = new ArrayList<>();
    for (int i = 0; i < 350; i++) {
      many.add(box(i * 20, 0, i * 20 + 10, 10, 0.001f * (i + 1), 0, i));
    }

    List<Candidate> kept = Nms.apply(many);

    assertThat(kept).hasSize(300);
    assertThat(kept.get(0).row()).isEqualTo(349);
    assertThat(kept.get(299).row()).isEqualTo(50);
    assertThat(kept).isSortedAccordingTo(Nms.BY_CONF_DESCENDING);
  }

  @Test
  void equalConfidencesKeepModelRowOrder() {
    Candidate first = box(0, 0, 1, 1, 0.5f, 0, 3);
    Candidate second = box(5, 5, 6, 6, 0.5f, 1, 7);

    assertThat(Nms.apply(List.of(second, first))).containsExactly(first, second);
  }
}
