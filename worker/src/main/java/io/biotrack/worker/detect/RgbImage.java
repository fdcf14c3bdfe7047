package io.biotrack.worker.detect;

import java.util.Objects;

/**
 * An 8-bit RGB image, row-major, channels interleaved ({@code H×W×3}, R first): what MegaDetector
 * gets from {@code np.asarray(pil_image)}.
 */
public record RgbImage(int width, int height, byte[] pixels) {
  public RgbImage {
    Objects.requireNonNull(pixels, "pixels");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty image " + width + "x" + height);
    }
    if (pixels.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
      throw new IllegalArgumentException(
          "need " + width + "x" + height + "x3 bytes, had " + pixels.length);
    }
  }

  public static RgbImage blank(int width, int height) {
    return new RgbImage(
        width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
  }

  /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel (x, y), 0..255. */
  public int sample(int x, int y, int c) {
    return pixels[(y * width + x) * 3 + c] & 0xFF;
  }
}
