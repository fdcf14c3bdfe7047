package io.biotrack.image;

/**
 * Shrinks an 8-bit RGB image by area averaging: each output pixel is the mean of the block of input
 * pixels it covers (blocks of whole pixels, split as evenly as the sizes allow), taken over at most
 * {@value #SAMPLES}×{@value #SAMPLES} pixels spread evenly over the block. A 12-megapixel photo
 * shrunk to 320 px has blocks of 12×12: 16 samples of each, instead of 144, average out the noise
 * and fine detail that a nearest-pixel shrink would alias, at a tenth of the cost of reading every
 * pixel (the worker does this for each photo on its decoder threads).
 */
final class BoxShrink {
  static final int SAMPLES = 4;

  private BoxShrink() {}

  static byte[] apply(int width, int height, byte[] rgb, int toWidth, int toHeight) {
    if (toWidth > width || toHeight > height || toWidth < 1 || toHeight < 1) {
      throw new IllegalArgumentException(
          "cannot shrink " + width + "x" + height + " to " + toWidth + "x" + toHeight);
    }
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException("need " + width + "x" + height + "x3 bytes");
    }
    int[][] columns = samples(width, toWidth);
    int[][] rows = samples(height, toHeight);
    byte[] out = new byte[toWidth * toHeight * 3];
    int o = 0;
    for (int oy = 0; oy < toHeight; oy++) {
      int[] ys = rows[oy];
      for (int ox = 0; ox < toWidth; ox++) {
        int[] xs = columns[ox];
        int r = 0;
        int g = 0;
        int b = 0;
        for (int y : ys) {
          int line = y * width;
          for (int x : xs) {
            int i = (line + x) * 3;
            r += rgb[i] & 0xFF;
            g += rgb[i + 1] & 0xFF;
            b += rgb[i + 2] & 0xFF;
          }
        }
        int count = ys.length * xs.length;
        out[o++] = (byte) ((r + count / 2) / count);
        out[o++] = (byte) ((g + count / 2) / count);
        out[o++] = (byte) ((b + count / 2) / count);
      }
    }
    return out;
  }

  /** For each of {@code to} blocks of {@code from} pixels, the positions sampled in it. */
  private static int[][] samples(int from, int to) {
    int[][] positions = new int[to][];
    for (int block = 0; block < to; block++) {
      int start = (int) ((long) block * from / to);
      int size = (int) ((long) (block + 1) * from / to) - start;
      int n = Math.min(SAMPLES, size);
      positions[block] = new int[n];
      for (int k = 0; k < n; k++) {
        positions[block][k] = start + (int) ((2L * k + 1) * size / (2L * n));
      }
    }
    return positions;
  }
}
