package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.results.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxMapperTest {

  @Test
  void theSpecsWorkedExample() {
    // 1920x1080 → tensor 1280x768, gain 0.666667, pad (0, 24); row cx,cy,w,h = 640.3, 400.7,
    // 100.2, 50.6, obj 0.9, classes (0.95, 0.02, 0.01).
    LetterboxGeometry g = LetterboxGeometry.of(1920, 1080);
    List<Candidate> kept =
        YoloOutputDecoder.candidates(
            new float[] {640.3f, 400.7f, 100.2f, 50.6f, 0.9f, 0.95f, 0.02f, 0.01f}, 8, 0.005f);

    List<Detection> detections = BoxMapper.toDetections(kept, g, 0.005f);

    assertThat(detections).hasSize(1);
    Detection d = detections.get(0);
    assertThat(d.category()).isEqualTo("1");
    assertThat(d.conf()).isEqualTo(0.854); // 0.85499996 truncated, not rounded
    assertThat(d.bbox()).containsExactly(0.4609, 0.4879, 0.0786, 0.0703);
  }

  @Test
  void boxesAreClippedToTheImage() {
    LetterboxGeometry g = LetterboxGeometry.of(1280, 960);
    Candidate outside = new Candidate(-50, -10, 1300, 1000, 0.5f, 2, 0);

    Detection d = BoxMapper.toDetections(List.of(outside), g, 0.005f).get(0);

    assertThat(d.category()).isEqualTo("3");
    assertThat(d.bbox()).containsExactly(0.0, 0.0, 1.0, 1.0);
  }

  @Test
  void ordersByTruncatedConfidenceKeepingAscendingRawOrderOnTies() {
    LetterboxGeometry g = LetterboxGeometry.of(1280, 960);
    // NMS output, descending: 0.75, 0.5009, 0.5001 (both write 0.5), 0.25
    Candidate a = new Candidate(0, 0, 10, 10, 0.75f, 0, 0);
    Candidate b = new Candidate(20, 0, 30, 10, 0.5009f, 0, 1);
    Candidate c = new Candidate(40, 0, 50, 10, 0.5001f, 0, 2);
    Candidate d = new Candidate(60, 0, 70, 10, 0.25f, 0, 3);

    List<Detection> out = BoxMapper.toDetections(List.of(a, b, c, d), g, 0.005f);

    assertThat(out).extracting(Detection::conf).containsExactly(0.75, 0.5, 0.5, 0.25);
    // MegaDetector iterates reversed(det) then stable-sorts: c (lower raw conf) comes before b.
    assertThat(out.get(1).bbox().get(0)).isEqualTo(BoxMapper.truncate(40.0 / 1280, 4));
    assertThat(out.get(2).bbox().get(0)).isEqualTo(BoxMapper.truncate(20.0 / 1280, 4));
  }

  @Test
  void dropsConfidencesBelowTheThreshold() {
    LetterboxGeometry g = LetterboxGeometry.of(1280, 960);

    assertThat(BoxMapper.toDetections(List.of(new Candidate(0, 0, 1, 1, 0.1f, 0, 0)), g, 0.2f))
        .isEmpty();
  }

  @Test
  void anUnknownClassIsAnError() {
    LetterboxGeometry g = LetterboxGeometry.of(1280, 960);

    assertThatThrownBy(
            () -> BoxMapper.toDetections(List.of(new Candidate(0, 0, 1, 1, 0.5f, 3, 0)), g, 0.005f))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void confidencesAreTruncatedFromTheirFloat32Value() {
    LetterboxGeometry g = LetterboxGeometry.of(1280, 960);

    // 0.9f is 0.89999998: MegaDetector writes 0.899
    assertThat(BoxMapper.toDetections(List.of(new Candidate(0, 0, 1, 1, 0.9f, 0, 0)), g, 0.005f))
        .extracting(Detection::conf)
        .containsExactly(0.899);
  }

  @Test
  void truncationFloorsInDouble() {
    assertThat(BoxMapper.truncate(0.9999999, 3)).isEqualTo(0.999);
    assertThat(BoxMapper.truncate(0.12345, 4)).isEqualTo(0.1234);
    assertThat(BoxMapper.truncate(1.0, 3)).isEqualTo(1.0);
  }

  @Test
  void ultralyticsScalingRoundsThePaddingToWholePixels() {
    // 4000x3001 → tensor 1280x960, gain 0.3198934: YOLOv5 (and YOLOv9) subtract the continuous
    // padding 0.2133 px, ultralytics' scale_boxes round((W' − w·gain) / 2 − 0.1) = 0 px.
    LetterboxGeometry g = LetterboxGeometry.of(4000, 3001);
    assertThat(g.padX()).isCloseTo(0.2133, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(g.roundedPadX()).isZero();
    List<Candidate> kept = List.of(new Candidate(100, 100, 200, 200, 0.5f, 0, 0));

    Detection yolov5 = BoxMapper.toDetections(kept, g, 0.005f, BoxScaling.YOLOV5).get(0);
    Detection ultralytics = BoxMapper.toDetections(kept, g, 0.005f, BoxScaling.ULTRALYTICS).get(0);

    // x1: (100 − 0.2133) / gain = 311.94 → 312 px; 100 / gain = 312.6 → 313 px; x2 625 px both
    assertThat(yolov5.bbox().get(2)).isEqualTo(BoxMapper.truncate((625 - 312) / 4000.0, 4));
    assertThat(ultralytics.bbox().get(2)).isEqualTo(BoxMapper.truncate((625 - 313) / 4000.0, 4));
    assertThat(ultralytics.bbox().get(1)).isEqualTo(yolov5.bbox().get(1)); // no vertical padding
  }
}
