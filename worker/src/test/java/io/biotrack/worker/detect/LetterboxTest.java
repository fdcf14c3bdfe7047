package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LetterboxTest {

  @Test
  void padsWithGrey114AroundTheResizedImage() {
    // 1280x721 needs no resize and 23 rows above, 24 below (1777x1001's letterbox, scaled).
    RgbImage image = new RgbImage(1280, 721, filled(1280 * 721 * 3, (byte) 7));
    LetterboxGeometry g = LetterboxGeometry.of(1280, 721);

    RgbImage boxed = Letterbox.apply(image, g);

    assertThat(boxed.width()).isEqualTo(1280);
    assertThat(boxed.height()).isEqualTo(768);
    assertThat(boxed.sample(0, 0, 0)).isEqualTo(114);
    assertThat(boxed.sample(1279, 22, 2)).isEqualTo(114);
    assertThat(boxed.sample(0, 23, 0)).isEqualTo(7);
    assertThat(boxed.sample(1279, 23 + 720, 1)).isEqualTo(7);
    assertThat(boxed.sample(640, 23 + 721, 0)).isEqualTo(114);
    assertThat(boxed.sample(640, 767, 2)).isEqualTo(114);
  }

  @Test
  void portraitPadsLeftAndRight() {
    RgbImage image = new RgbImage(600, 1280, filled(600 * 1280 * 3, (byte) 9));
    LetterboxGeometry g = LetterboxGeometry.of(600, 1280);

    RgbImage boxed = Letterbox.apply(image, g);

    assertThat(boxed.width()).isEqualTo(640);
    assertThat(boxed.height()).isEqualTo(1280);
    assertThat(g.left()).isEqualTo(20);
    assertThat(g.right()).isEqualTo(20);
    assertThat(boxed.sample(19, 100, 0)).isEqualTo(114);
    assertThat(boxed.sample(20, 100, 0)).isEqualTo(9);
    assertThat(boxed.sample(619, 100, 0)).isEqualTo(9);
    assertThat(boxed.sample(620, 100, 0)).isEqualTo(114);
  }

  @Test
  void thePictureAreaIsTheLetterboxWithoutItsPadding() {
    // What thumbnails get when a photo is letterboxed as it is decoded (MegaDetector.prepare).
    RgbImage portrait = new RgbImage(600, 1280, filled(600 * 1280 * 3, (byte) 9));
    LetterboxGeometry g = LetterboxGeometry.of(600, 1280);

    RgbImage area =
        MegaDetector.pictureArea(new ImageDecoder.Letterboxed(g, Letterbox.apply(portrait, g)));

    assertThat(area.width()).isEqualTo(600);
    assertThat(area.height()).isEqualTo(1280);
    for (byte b : area.pixels()) {
      assertThat(b).isEqualTo((byte) 9);
    }
  }

  @Test
  void refusesAGeometryForAnotherSize() {
    RgbImage image = RgbImage.blank(10, 10);

    assertThatThrownBy(() -> Letterbox.apply(image, LetterboxGeometry.of(11, 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] filled(int n, byte value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, value);
    return b;
  }
}
