package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorFreeOutputDecoderTest {

  /**
   * {@code [4 + 3, 3]}: rows cx, cy, w, h, p_animal, p_person, p_vehicle; one column per anchor.
   */
  private static final float[] OUTPUT = {
    100f, 300f, 500f, // cx
    50f, 60f, 70f, // cy
    20f, 30f, 40f, // w
    10f, 11f, 12f, // h
    0.1f, 0.004f, 0.3f, // animal
    0.7f, 0.004f, 0.3f, // person
    0.2f, 0.005f, 0.1f // vehicle
  };

  @Test
  void eachAnchorKeepsItsBestClassScoreAsConfidenceWithoutObjectness() {
    List<Candidate> candidates = AnchorFreeOutputDecoder.candidates(OUTPUT, 7, 0.005f);

    // anchor 1's best score (0.005) is not above the threshold: ultralytics' `amax > conf_thres`
    assertThat(candidates)
        .containsExactly(
            new Candidate(90f, 45f, 110f, 55f, 0.7f, 1, 0),
            // a tie between animal and person goes to the first class, as torch's max(1)
            new Candidate(480f, 64f, 520f, 76f, 0.3f, 0, 2));
  }

  @Test
  void aScoreEqualToTheThresholdIsNoCandidate() {
    assertThat(AnchorFreeOutputDecoder.candidates(OUTPUT, 7, 0.3f))
        .extracting(Candidate::row)
        .containsExactly(0);
  }

  @Test
  void refusesAnOutputThatIsNotFourPlusClassesRows() {
    assertThatThrownBy(() -> AnchorFreeOutputDecoder.candidates(new float[10], 7, 0.1f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4 + classes, N]");
  }
}
