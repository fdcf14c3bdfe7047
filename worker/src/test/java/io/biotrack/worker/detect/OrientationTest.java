package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrientationTest {
  /** 3x2 image whose red channel numbers the pixels 1..6 row by row: [1 2 3; 4 5 6]. */
  private static RgbImage numbered() {
    byte[] px = new byte[3 * 2 * 3];
    for (int i = 0; i < 6; i++) {
      px[3 * i] = (byte) (i + 1);
    }
    return new RgbImage(3, 2, px);
  }

  private static int[] reds(RgbImage image) {
    int[] out = new int[image.width() * image.height()];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        out[y * image.width() + x] = image.sample(x, y, 0);
      }
    }
    return out;
  }

  @Test
  void orientation3Rotates180() {
    RgbImage r = Orientation.apply(numbered(), 3);

    assertThat(r.width()).isEqualTo(3);
    assertThat(reds(r)).containsExactly(6, 5, 4, 3, 2, 1);
  }

  @Test
  void orientation6RotatesClockwise() {
    RgbImage r = Orientation.apply(numbered(), 6);

    assertThat(r.width()).isEqualTo(2);
    assertThat(r.height()).isEqualTo(3);
    assertThat(reds(r)).containsExactly(4, 1, 5, 2, 6, 3);
  }

  @Test
  void orientation8RotatesCounterClockwise() {
    RgbImage r = Orientation.apply(numbered(), 8);

    assertThat(r.width()).isEqualTo(2);
    assertThat(reds(r)).containsExactly(3, 6, 2, 5, 1, 4);
  }

  @Test
  void mirroredAndUnknownOrientationsChangeNothing() {
    for (int o : new int[] {0, 1, 2, 4, 5, 7, 9}) {
      assertThat(Orientation.rotates(o)).isFalse();
      assertThat(reds(Orientation.apply(numbered(), o))).containsExactly(1, 2, 3, 4, 5, 6);
    }
  }
}
