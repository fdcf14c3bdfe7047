package io.biotrack.worker.detect;

/**
 * MegaDetector's EXIF rotation: 3 → 180°, 6 → 90° clockwise, 8 → 90° counter-clockwise (PIL's
 * {@code rotate(180 | 270 | 90, expand=True)}, exact transposes). Every other value, including the
 * mirrored orientations 2, 4, 5 and 7, leaves the image as decoded (MegaDetector's assert fails
 * inside a bare {@code except}).
 */
public final class Orientation {
  private Orientation() {}

  public static boolean rotates(int orientation) {
    return orientation == 3 || orientation == 6 || orientation == 8;
  }

  public static RgbImage apply(RgbImage image, int orientation) {
    return switch (orientation) {
      case 3 -> rotate180(image);
      case 6 -> rotateClockwise(image);
      case 8 -> rotateCounterClockwise(image);
      default -> image;
    };
  }

  private static RgbImage rotate180(RgbImage src) {
    byte[] in = src.pixels();
    byte[] out = new byte[in.length];
    int n = src.width() * src.height();
    for (int i = 0; i < n; i++) {
      int j = n - 1 - i;
      out[3 * j] = in[3 * i];
      out[3 * j + 1] = in[3 * i + 1];
      out[3 * j + 2] = in[3 * i + 2];
    }
    return new RgbImage(src.width(), src.height(), out);
  }

  /** dst(x, y) = src(y, H − 1 − x); the result is H wide and W high. */
  private static RgbImage rotateClockwise(RgbImage src) {
    int w = src.width();
    int h = src.height();
    byte[] in = src.pixels();
    byte[] out = new byte[in.length];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < h; x++) {
        copy(in, ((h - 1 - x) * w + y) * 3, out, (y * h + x) * 3);
      }
    }
    return new RgbImage(h, w, out);
  }

  /** dst(x, y) = src(W − 1 − y, x); the result is H wide and W high. */
  private static RgbImage rotateCounterClockwise(RgbImage src) {
    int w = src.width();
    int h = src.height();
    byte[] in = src.pixels();
    byte[] out = new byte[in.length];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < h; x++) {
        copy(in, (x * w + (w - 1 - y)) * 3, out, (y * h + x) * 3);
      }
    }
    return new RgbImage(h, w, out);
  }

  private static void copy(byte[] in, int from, byte[] out, int to) {
    out[to] = in[from];
    out[to + 1] = in[from + 1];
    out[to + 2] = in[from + 2];
  }
}
