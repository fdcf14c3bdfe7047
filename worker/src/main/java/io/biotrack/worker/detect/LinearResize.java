package io.biotrack.worker.detect;

/**
 * OpenCV's {@code cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)} for 8-bit, 3-channel
 * images, pixel for pixel (OpenCV 4.x on x86-64, the library MegaDetector's letterbox calls).
 *
 * <p>Why a port and not an OpenCV binding: the only offline Java binding (org.openpnp:opencv) is a
 * 110 MB jar for one function. What has to match is OpenCV's fixed-point arithmetic, not just
 * "bilinear": half-pixel centres; 11-bit weights rounded half-even from float; horizontal sums
 * kept as ints; the vertical pass done the way OpenCV's SIMD kernel does it ({@code (S >> 4)} times
 * the weight, high 16 bits, summed, then {@code (v + 2) >> 2}), which differs from the plain
 * {@code (v + 2^21) >> 22} by one level on some pixels; and an exact 2:1 shrink on both axes
 * switched to OpenCV's area-average fast path {@code (a + b + c + d + 2) >> 2}. {@code
 * LinearResizeTest} proves identity against fixtures made by {@code cv2} itself.
 */
public final class LinearResize {
  private static final int COEF_BITS = 11;
  private static final int COEF_SCALE = 1 << COEF_BITS;

  private LinearResize() {}

  public static RgbImage resize(RgbImage src, int dstWidth, int dstHeight) {
    if (dstWidth <= 0 || dstHeight <= 0) {
      throw new IllegalArgumentException("empty target size " + dstWidth + "x" + dstHeight);
    }
    if (dstWidth == src.width() && dstHeight == src.height()) {
      return new RgbImage(dstWidth, dstHeight, src.pixels().clone());
    }
    if (src.width() == 2 * dstWidth && src.height() == 2 * dstHeight) {
      return halve(src, dstWidth, dstHeight);
    }
    return bilinear(src, dstWidth, dstHeight);
  }

  /** OpenCV switches INTER_LINEAR at exactly 2:1 on both axes to its INTER_AREA fast path. */
  private static RgbImage halve(RgbImage src, int dstWidth, int dstHeight) {
    byte[] in = src.pixels();
    byte[] out = new byte[dstWidth * dstHeight * 3];
    int srcStride = src.width() * 3;
    int o = 0;
    for (int y = 0; y < dstHeight; y++) {
      int row0 = 2 * y * srcStride;
      int row1 = row0 + srcStride;
      for (int x = 0; x < dstWidth; x++) {
        int p = 6 * x;
        for (int c = 0; c < 3; c++) {
          int sum =
              (in[row0 + p + c] & 0xFF)
                  + (in[row0 + p + 3 + c] & 0xFF)
                  + (in[row1 + p + c] & 0xFF)
                  + (in[row1 + p + 3 + c] & 0xFF);
          out[o++] = (byte) ((sum + 2) >> 2);
        }
      }
    }
    return new RgbImage(dstWidth, dstHeight, out);
  }

  private static RgbImage bilinear(RgbImage src, int dstWidth, int dstHeight) {
    int srcWidth = src.width();
    int srcHeight = src.height();
    Axis xAxis = Axis.of(srcWidth, dstWidth, true);
    Axis yAxis = Axis.of(srcHeight, dstHeight, false);

    int rowLength = dstWidth * 3;
    byte[] out = new byte[rowLength * dstHeight];
    // Horizontally resized source rows, two cached: consecutive output rows share source rows.
    int[][] slots = {new int[rowLength], new int[rowLength]};
    int[] held = {-1, -1};
    for (int dy = 0; dy < dstHeight; dy++) {
      int sy0 = clamp(yAxis.offset[dy], srcHeight);
      int sy1 = clamp(yAxis.offset[dy] + 1, srcHeight);
      int[] top = sourceRow(src, xAxis, sy0, sy1, slots, held);
      int[] bottom = sourceRow(src, xAxis, sy1, sy0, slots, held);
      vertical(top, bottom, yAxis.weight0[dy], yAxis.weight1[dy], out, dy * rowLength);
    }
    return new RgbImage(dstWidth, dstHeight, out);
  }

  /** Source row {@code sy} resized horizontally, from the cache or into the slot not holding {@code keep}. */
  private static int[] sourceRow(
      RgbImage src, Axis xAxis, int sy, int keep, int[][] slots, int[] held) {
    for (int i = 0; i < 2; i++) {
      if (held[i] == sy) {
        return slots[i];
      }
    }
    int victim = held[0] == keep ? 1 : 0;
    horizontal(src, sy, xAxis, slots[victim]);
    held[victim] = sy;
    return slots[victim];
  }

  private static void horizontal(RgbImage src, int sy, Axis xAxis, int[] row) {
    byte[] in = src.pixels();
    int base = sy * src.width() * 3;
    int last = src.width() - 1;
    int n = xAxis.offset.length;
    for (int dx = 0; dx < n; dx++) {
      int sx = xAxis.offset[dx];
      int a0 = xAxis.weight0[dx];
      int a1 = xAxis.weight1[dx];
      int p0 = base + sx * 3;
      int p1 = base + Math.min(sx + 1, last) * 3;
      int o = dx * 3;
      row[o] = (in[p0] & 0xFF) * a0 + (in[p1] & 0xFF) * a1;
      row[o + 1] = (in[p0 + 1] & 0xFF) * a0 + (in[p1 + 1] & 0xFF) * a1;
      row[o + 2] = (in[p0 + 2] & 0xFF) * a0 + (in[p1 + 2] & 0xFF) * a1;
    }
  }

  /** OpenCV's {@code VResizeLinearVec_32s8u}: the arithmetic of its SIMD vertical pass. */
  private static void vertical(int[] top, int[] bottom, int b0, int b1, byte[] out, int offset) {
    for (int x = 0; x < top.length; x++) {
      int v = (((top[x] >> 4) * b0) >> 16) + (((bottom[x] >> 4) * b1) >> 16);
      int value = (v + 2) >> 2;
      out[offset + x] = (byte) (value < 0 ? 0 : Math.min(value, 255));
    }
  }

  private static int clamp(int index, int size) {
    return index < 0 ? 0 : Math.min(index, size - 1);
  }

  /** Source offsets and 11-bit weights along one axis, as OpenCV's {@code hal::resize} builds them. */
  private record Axis(int[] offset, int[] weight0, int[] weight1) {
    static Axis of(int srcSize, int dstSize, boolean clampEdges) {
      double scale = 1.0 / ((double) dstSize / srcSize);
      int[] offset = new int[dstSize];
      int[] weight0 = new int[dstSize];
      int[] weight1 = new int[dstSize];
      for (int d = 0; d < dstSize; d++) {
        float f = (float) ((d + 0.5) * scale - 0.5);
        int s = (int) Math.floor(f);
        f -= s;
        // Horizontally OpenCV clamps at the borders; vertically it clamps the row index only.
        if (clampEdges && s < 0) {
          f = 0;
          s = 0;
        }
        if (clampEdges && s >= srcSize - 1) {
          f = 0;
          s = srcSize - 1;
        }
        offset[d] = s;
        weight0[d] = (int) Math.rint((1.0f - f) * COEF_SCALE);
        weight1[d] = (int) Math.rint(f * COEF_SCALE);
      }
      return new Axis(offset, weight0, weight1);
    }
  }
}
