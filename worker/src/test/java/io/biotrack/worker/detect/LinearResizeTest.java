package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.worker.TestData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LinearResize} against OpenCV itself: each fixture case is a noise image resized by {@code
 * cv2.resize(..., INTER_LINEAR)} (worker/scripts/make_resize_fixtures.py), down to the SHA-256 of
 * the output: real letterbox sizes, exact halvings, upscales, 1-pixel edges and 150 random sizes.
 */
class LinearResizeTest {

  record Case(int width, int height, int seed, int resizedWidth, int resizedHeight, String sha256) {
    @Override
    public String toString() {
      return width + "x" + height + " -> " + resizedWidth + "x" + resizedHeight;
    }
  }

  static Stream<Case> cv2Cases() throws IOException {
    JsonNode root =
        new ObjectMapper().readTree(TestData.resource("resize/cv2-linear.json").toFile());
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      cases.add(
          new Case(
              c.get("width").asInt(),
              c.get("height").asInt(),
              c.get("seed").asInt(),
              c.get("resized_width").asInt(),
              c.get("resized_height").asInt(),
              c.get("sha256").asText()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cv2Cases")
  void matchesOpenCvPixelForPixel(Case c) {
    RgbImage resized =
        LinearResize.resize(
            NoiseImage.of(c.width(), c.height(), c.seed()), c.resizedWidth(), c.resizedHeight());

    assertThat(resized.width()).isEqualTo(c.resizedWidth());
    assertThat(resized.height()).isEqualTo(c.resizedHeight());
    assertThat(Digests.sha256(resized.pixels())).isEqualTo(c.sha256());
  }

  @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
  @org.junit.jupiter.params.provider.CsvSource({
    "37, 23, 11, 7",
    "40, 30, 20, 15",
    "5, 4, 5, 4",
    "1, 6, 9, 3"
  })
  void resizesIntoItsRectangleOfALargerBufferOnly(
      int width, int height, int toWidth, int toHeight) {
    RgbImage image = NoiseImage.of(width, height, 3);
    byte[] expected = LinearResize.resize(image, toWidth, toHeight).pixels();
    int stride = (toWidth + 5) * 3;
    int offset = 2 * stride + 4 * 3;
    byte[] buffer = filled(offset + (toHeight + 1) * stride, (byte) 77);

    LinearResize.resizeInto(image, toWidth, toHeight, buffer, offset, stride);

    for (int y = 0; y < toHeight; y++) {
      assertThat(
              java.util.Arrays.copyOfRange(
                  buffer, offset + y * stride, offset + y * stride + toWidth * 3))
          .isEqualTo(
              java.util.Arrays.copyOfRange(expected, y * toWidth * 3, (y + 1) * toWidth * 3));
      java.util.Arrays.fill(
          buffer, offset + y * stride, offset + y * stride + toWidth * 3, (byte) 77);
    }
    assertThat(buffer).as("nothing outside the rectangle is written").containsOnly((byte) 77);
  }

  @Test
  void sameSizeIsAnExactCopy() {
    RgbImage image = NoiseImage.of(7, 5, 1);

    RgbImage copy = LinearResize.resize(image, 7, 5);

    assertThat(copy.pixels()).isEqualTo(image.pixels()).isNotSameAs(image.pixels());
  }

  @Test
  void uniformImageStaysUniform() {
    RgbImage grey = new RgbImage(9, 4, filled(9 * 4 * 3, (byte) 200));

    RgbImage up = LinearResize.resize(grey, 31, 17);
    RgbImage down = LinearResize.resize(grey, 2, 3);

    assertThat(up.pixels()).containsOnly((byte) 200);
    assertThat(down.pixels()).containsOnly((byte) 200);
  }

  private static byte[] filled(int n, byte value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, value);
    return b;
  }
}
