package io.biotrack.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DecoderThreadsTest {
  @Test
  void aQuarterOfTheCoresAtLeastOneWithTwoPhotosAheadEach() {
    assertThat(DecoderThreads.defaultFor(1)).isEqualTo(1);
    assertThat(DecoderThreads.defaultFor(2)).isEqualTo(1);
    assertThat(DecoderThreads.defaultFor(4)).isEqualTo(1);
    assertThat(DecoderThreads.defaultFor(8)).isEqualTo(2);
    assertThat(DecoderThreads.defaultFor(16)).isEqualTo(4);
    assertThat(DecoderThreads.of(3)).isEqualTo(new DecoderThreads(3, 6));
    assertThat(DecoderThreads.of(0).threads())
        .isEqualTo(DecoderThreads.defaultFor(Runtime.getRuntime().availableProcessors()));
  }

  @Test
  void refusesNoThreadsOrAWindowSmallerThanTheThreads() {
    assertThatIllegalArgumentException().isThrownBy(() -> new DecoderThreads(0, 2));
    assertThatIllegalArgumentException().isThrownBy(() -> new DecoderThreads(3, 2));
  }
}
