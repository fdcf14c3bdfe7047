package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class YoloOutputDecoderTest {

  @Test
  void keepsRowsAboveTheThresholdWithTheirBestClassAndCorners() {
    float[] rows = {
      640.3f, 400.7f, 100.2f, 50.6f, 0.9f, 0.95f, 0.02f, 0.01f, // animal, 0.9 × 0.95
      10f, 20f, 4f, 6f, 0.5f, 0.1f, 0.3f, 0.2f, // person
    };

    List<Candidate> candidates = YoloOutputDecoder.candidates(rows, 8, 0.005f);

    assertThat(candidates).hasSize(2);
    Candidate animal = candidates.get(0);
    assertThat(animal.classIndex()).isZero();
    assertThat(animal.conf()).isEqualTo(0.9f * 0.95f).isEqualTo(0.85499996f);
    assertThat(animal.x1()).isEqualTo(640.3f - 100.2f / 2);
    assertThat(animal.y2()).isEqualTo(400.7f + 50.6f / 2);
    assertThat(animal.row()).isZero();
    assertThat(candidates.get(1).classIndex()).isEqualTo(1);
    assertThat(candidates.get(1).x1()).isEqualTo(8f);
    assertThat(candidates.get(1).y1()).isEqualTo(17f);
  }

  @Test
  void thresholdsAreStrictOnObjectnessAndOnConfidence() {
    float t = 0.005f;
    float[] rows = {
      1, 1, 1, 1, t, 1f, 0, 0, // obj == t: dropped
      1, 1, 1, 1, 0.5f, 0.01f, 0, 0, // conf 0.005 == t: dropped
      1, 1, 1, 1, 0.5f, 0.0101f, 0, 0, // conf just above: kept
    };

    List<Candidate> candidates = YoloOutputDecoder.candidates(rows, 8, t);

    assertThat(candidates).extracting(Candidate::row).containsExactly(2);
  }

  @Test
  void tiesGoToTheFirstClass() {
    float[] rows = {5, 5, 2, 2, 0.8f, 0.4f, 0.7f, 0.7f};

    assertThat(YoloOutputDecoder.candidates(rows, 8, 0.005f).get(0).classIndex()).isEqualTo(1);
  }

  @Test
  void refusesRowsThatAreNotYoloShaped() {
    assertThatThrownBy(() -> YoloOutputDecoder.candidates(new float[10], 8, 0.005f))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> YoloOutputDecoder.candidates(new float[10], 5, 0.005f))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
