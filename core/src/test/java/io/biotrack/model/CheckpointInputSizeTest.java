package io.biotrack.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MegaDetector's rule (pytorch_detector.py, PTDetector.__init__): metadata, else 1280. */
class CheckpointInputSizeTest {

  @Test
  void withoutMetadataMegaDetectorAssumesMdv5s1280AtStride64() {
    assertThat(CheckpointInputSize.of((Integer) null))
        .isEqualTo(new CheckpointInputSize(1280, 64, false));
  }

  @Test
  void theStrideIs64OnlyForExactly1280() {
    assertThat(CheckpointInputSize.of(1280)).isEqualTo(new CheckpointInputSize(1280, 64, true));
    assertThat(CheckpointInputSize.of(640)).isEqualTo(new CheckpointInputSize(640, 32, true));
    assertThat(CheckpointInputSize.of(960)).isEqualTo(new CheckpointInputSize(960, 32, true));
    assertThat(CheckpointInputSize.of(1600)).isEqualTo(new CheckpointInputSize(1600, 32, true));
  }
}
