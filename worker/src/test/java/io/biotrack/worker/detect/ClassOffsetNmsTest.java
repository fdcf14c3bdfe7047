package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassOffsetNmsTest {

  private static Candidate box(
      float x1, float y1, float x2, float y2, float conf, int cls, int row) {
    return new Candidate(x1, y1, x2, y2, conf, cls, row);
  }

  @Test
  void suppressesOverlapsAboveTheThresholdWithinAClass() {
    Candidate best = box(0, 0, 10, 10, 0.9f, 1, 0);
    Candidate overlapping = box(1, 0, 11, 10, 0.8f, 1, 1); // IoU 90/110 = 0.82
    Candidate apart = box(20, 20, 30, 30, 0.7f, 1, 2);

    assertThat(ClassOffsetNms.apply(List.of(apart, overlapping, best)))
        .containsExactly(best, apart);
  }

  @Test
  void anIouOfExactlyTheThresholdIsKept() {
    Candidate a = box(0, 0, 14.5f, 5, 0.9f, 0, 0); // area 72.5, overlap 9 x 5 = 45: IoU 0.45f
    Candidate b = box(5.5f, 0, 20f, 5, 0.8f, 0, 1);

    assertThat(ClassOffsetNms.apply(List.of(a, b))).containsExactly(a, b);
  }

  @Test
  void classesNeverSuppressEachOtherAndComeOutInDescendingConfidence() {
    Candidate vehicle = box(0, 0, 10, 10, 0.95f, 2, 0);
    Candidate animal = box(0, 0, 10, 10, 0.9f, 0, 1);
    Candidate person = box(0, 0, 10, 10, 0.8f, 1, 2);

    assertThat(ClassOffsetNms.apply(List.of(person, animal, vehicle)))
        .containsExactly(vehicle, animal, person);
  }

  @Test
  void theIouIsTakenOnTheShiftedBoxesInFloat32AsTorchvisionSeesThem() {
    // Class 2 is shifted by 15360 px, where float32 steps by 2^-10 px: 0.0004 and 0.0006 wide
    // offsets collapse, and these two boxes (IoU 0.2 unshifted) become the same box.
    Candidate a = box(0f, 0f, 0.0006f, 10f, 0.9f, 2, 0);
    Candidate b = box(0.0004f, 0f, 0.001f, 10f, 0.8f, 2, 1);

    assertThat(ClassOffsetNms.apply(List.of(a, b))).containsExactly(a);
    assertThat(Nms.apply(List.of(a, b))).containsExactly(a, b); // MDv5's per-class NMS keeps both
  }

  @Test
  void keepsTheBest300() {
    List<Candidate> many = new ArrayList<>();
    for (int i = 0; i < 350; i++) {
      many.add(box(i * 20, 0, i * 20 + 10, 10, 0.001f * (i + 1), i % 3, i));
    }

    List<Candidate> kept = ClassOffsetNms.apply(many);

    assertThat(kept).hasSize(300);
    assertThat(kept.get(0).row()).isEqualTo(349);
    assertThat(kept.get(299).row()).isEqualTo(50);
    assertThat(kept).isSortedAccordingTo(Nms.BY_CONF_DESCENDING);
  }

  @Test
  void equalConfidencesKeepModelRowOrder() {
    Candidate first = box(0, 0, 10, 10, 0.5f, 0, 3);
    Candidate second = box(0, 0, 10, 10, 0.5f, 1, 7);

    assertThat(ClassOffsetNms.apply(List.of(second, first))).containsExactly(first, second);
  }
}
