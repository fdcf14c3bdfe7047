package io.biotrack.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {

  @Test
  void theLongestSideBecomes320AndTheShapeStays() {
    assertThat(Thumbnails.size(4000, 3000)).containsExactly(320, 240);
    assertThat(Thumbnails.size(3000, 4000)).containsExactly(240, 320);
    assertThat(Thumbnails.size(1920, 1080)).containsExactly(320, 180);
    assertThat(Thumbnails.size(10_000, 10)).containsExactly(320, 1);
    assertThat(Thumbnails.size(200, 100))
        .as("small photos keep their size")
        .containsExactly(200, 100);
  }

  @Test
  void eachPixelIsTheMeanOfTheBlockItCovers() {
    byte[] rgb = {
      0, 0, 0, (byte) 200, 100, 50, //
      10, 20, 30, (byte) 210, 110, 60
    };
    assertThat(BoxShrink.apply(2, 2, rgb, 1, 1)).containsExactly(105, 58, 35);
    assertThat(BoxShrink.apply(2, 2, rgb, 2, 1)).containsExactly(5, 10, 15, (byte) 205, 105, 55);
    assertThatThrownBy(() -> BoxShrink.apply(2, 2, rgb, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aThumbnailIsAJpegOfTheShrunkPhoto() throws Exception {
    // 1000x500: the left half red, the right half blue.
    int width = 1000;
    int height = 500;
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        rgb[i + (x < width / 2 ? 0 : 2)] = (byte) 255;
      }
    }
    byte[] jpeg = Thumbnails.of(width, height, rgb);

    BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(thumb.getWidth()).isEqualTo(320);
    assertThat(thumb.getHeight()).isEqualTo(160);
    assertThat((thumb.getRGB(40, 80) >> 16) & 0xFF).isGreaterThan(240); // red on the left
    assertThat(thumb.getRGB(280, 80) & 0xFF).isGreaterThan(240); // blue on the right
    assertThat(jpeg.length).isLessThan(20_000);
  }
}
