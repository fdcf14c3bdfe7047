package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both of MegaDetector's NMS paths: what they share, then where they differ. */
class NmsTest {

  private static Candidate box(
      float x1, float y1, float x2, float y2, float conf, int cls, int row) {
    return new Candidate(x1, y1, x2, y2, conf, cls, row);
  }

  static Stream<Arguments> bothPaths() {
    return Stream.of(
        Arguments.of(
            "perClass (MegaDetector's nms(), YOLOv5)",
            (UnaryOperator<List<Candidate>>) Nms::perClass),
        Arguments.of(
            "classOffset (library non_max_suppression, YOLOv9/YOLO11)",
            (UnaryOperator<List<Candidate>>) Nms::classOffset));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bothPaths")
  void suppressesOverlapsAboveTheThresholdWithinAClass(
      String path, UnaryOperator<List<Candidate>> nms) {
    Candidate best = box(0, 0, 10, 10, 0.9f, 1, 0);
    Candidate overlapping = box(1, 0, 11, 10, 0.8f, 1, 1); // IoU 90/110 = 0.82
    Candidate apart = box(20, 20, 30, 30, 0.7f, 1, 2);

    assertThat(nms.apply(List.of(apart, overlapping, best))).containsExactly(best, apart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bothPaths")
  void anIouOfExactlyTheThresholdIsKept(String path, UnaryOperator<List<Candidate>> nms) {
    // Boxes whose float IoU is exactly 0.45f: inter 45, union 100 → areas 72.5 each.
    Candidate a = box(0, 0, 14.5f, 5, 0.9f, 0, 0); // area 72.5
    Candidate b = box(5.5f, 0, 20f, 5, 0.8f, 0, 1); // area 72.5, overlap 9 x 5 = 45
    float inter = 9f * 5f;
    assertThat(inter / (a.area() + b.area() - inter)).isEqualTo(0.45f);

    assertThat(nms.apply(List.of(a, b))).containsExactly(a, b);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bothPaths")
  void classesNeverSuppressEachOtherAndComeOutInDescendingConfidence(
      String path, UnaryOperator<List<Candidate>> nms) {
    Candidate vehicle = box(0, 0, 10, 10, 0.95f, 2, 0);
    Candidate animal = box(0, 0, 10, 10, 0.9f, 0, 1);
    Candidate person = box(0, 0, 10, 10, 0.8f, 1, 2);

    assertThat(nms.apply(List.of(person, animal, vehicle)))
        .containsExactly(vehicle, animal, person);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bothPaths")
  void keepsTheBest300InDescendingConfidence(String path, UnaryOperator<List<Candidate>> nms) {
    List<Candidate> many = new ArrayList<>();
    for (int i = 0; i < 350; i++) {
      many.add(box(i * 20, 0, i * 20 + 10, 10, 0.001f * (i + 1), i % 3, i));
    }

    List<Candidate> kept = nms.apply(many);

    assertThat(kept).hasSize(300);
    assertThat(kept.get(0).row()).isEqualTo(349);
    assertThat(kept.get(299).row()).isEqualTo(50);
    assertThat(kept).isSortedAccordingTo(Nms.BY_CONF_DESCENDING);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bothPaths")
  void equalConfidencesKeepModelRowOrder(String path, UnaryOperator<List<Candidate>> nms) {
    Candidate first = box(0, 0, 10, 10, 0.5f, 0, 3);
    Candidate second = box(0, 0, 10, 10, 0.5f, 1, 7);

    assertThat(nms.apply(List.of(second, first))).containsExactly(first, second);
  }

  @Test
  void classOffsetTakesTheIouOnTheShiftedBoxesInFloat32AsTorchvisionSeesThem() {
    // Class 2 is shifted by 15360 px, where float32 steps by 2^-10 px: 0.0004 and 0.0006 wide
    // offsets collapse, and these two boxes (IoU 0.2 unshifted) become the same box.
    Candidate a = box(0f, 0f, 0.0006f, 10f, 0.9f, 2, 0);
    Candidate b = box(0.0004f, 0f, 0.001f, 10f, 0.8f, 2, 1);

    assertThat(Nms.classOffset(List.of(a, b))).containsExactly(a);
    assertThat(Nms.perClass(List.of(a, b))).containsExactly(a, b);
  }

  @Test
  void perClassGivesWhatTheUncappedNmsGivesOnManyOverlappingCandidates() {
    // Thousands of candidates in three classes, as a random-weight model gives: the per-class loop
    // stops at 300 kept boxes a class; the answer must be that of running every class to the end.
    java.util.Random random = new java.util.Random(15);
    List<Candidate> candidates = new java.util.ArrayList<>();
    for (int row = 0; row < 6000; row++) {
      float x = random.nextInt(1200);
      float y = random.nextInt(900);
      float w = 8 + random.nextInt(120);
      float h = 8 + random.nextInt(120);
      float conf = random.nextInt(1000) / 1000f; // ties on purpose
      candidates.add(new Candidate(x, y, x + w, y + h, conf, random.nextInt(3), row));
    }

    assertThat(Nms.perClass(candidates)).isEqualTo(uncappedPerClass(candidates));
  }

  /** MegaDetector's nms() written out plainly: every class to the end, then the best 300. */
  private static List<Candidate> uncappedPerClass(List<Candidate> candidates) {
    java.util.Comparator<Candidate> order =
        java.util.Comparator.comparing(Candidate::conf, java.util.Comparator.reverseOrder())
            .thenComparingInt(Candidate::row);
    List<Candidate> kept = new java.util.ArrayList<>();
    for (int cls = 0; cls < 3; cls++) {
      int c = cls;
      List<Candidate> group =
          candidates.stream().filter(k -> k.classIndex() == c).sorted(order).toList();
      List<Candidate> classKept = new java.util.ArrayList<>();
      for (Candidate k : group) {
        boolean suppressed = false;
        for (Candidate q : classKept) {
          float w = Math.max(0f, Math.min(q.x2(), k.x2()) - Math.max(q.x1(), k.x1()));
          float h = Math.max(0f, Math.min(q.y2(), k.y2()) - Math.max(q.y1(), k.y1()));
          float inter = w * h;
          float qa = (q.x2() - q.x1()) * (q.y2() - q.y1());
          float ka = (k.x2() - k.x1()) * (k.y2() - k.y1());
          if (inter / (qa + ka - inter) > Nms.IOU_THRESHOLD) {
            suppressed = true;
            break;
          }
        }
        if (!suppressed) {
          classKept.add(k);
        }
      }
      kept.addAll(classKept);
    }
    kept.sort(order);
    return kept.subList(0, Math.min(300, kept.size()));
  }

  @Test
  void onlyClassOffsetCutsItsInputToMaxNms() {
    // 30,000 copies of one box, then a weaker box apart from them: the library cuts its input to
    // the best 30,000 (max_nms) before NMS and loses the last box; MegaDetector's nms() keeps it.
    List<Candidate> many = new ArrayList<>();
    for (int i = 0; i < Nms.MAX_NMS; i++) {
      many.add(box(0, 0, 10, 10, 0.9f, 0, i));
    }
    Candidate apart = box(20, 20, 30, 30, 0.5f, 0, Nms.MAX_NMS);
    many.add(apart);

    assertThat(Nms.classOffset(many)).containsExactly(many.get(0));
    assertThat(Nms.perClass(many)).containsExactly(many.get(0), apart);
  }
}
