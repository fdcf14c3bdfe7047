package io.biotrack.worker.detect;

/**
 * The noise images of {@code worker/scripts/make_resize_fixtures.py}: byte {@code i} of the H×W×3
 * image is a 32-bit integer hash of {@code (i, seed)}.
 */
final class NoiseImage {
  private NoiseImage() {}

  static RgbImage of(int width, int height, int seed) {
    byte[] pixels = new byte[width * height * 3];
    for (int i = 0; i < pixels.length; i++) {
      int x = i * 0x9E3779B1 + seed * 0x85EBCA77;
      x ^= x >>> 15;
      x *= 0x2C1B3C6D;
      x ^= x >>> 12;
      x *= 0x297A2D39;
      x ^= x >>> 15;
      pixels[i] = (byte) x;
    }
    return new RgbImage(width, height, pixels);
  }
}
