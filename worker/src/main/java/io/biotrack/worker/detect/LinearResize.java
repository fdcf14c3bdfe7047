package io.biotrack.worker.detect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenCV's {@code cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)} for 8-bit, 3-channel
 * images, pixel for pixel (OpenCV 4.x on x86-64, the library MegaDetector's letterbox calls).
 *
 * <p>Why a port and not an OpenCV binding: the only offline Java binding (org.openpnp:opencv) is a
 * 110 MB jar for one function. What has to match is OpenCV's fixed-point arithmetic, not just
 * "bilinear": half-pixel centres; 11-bit weights rounded half-even from float; horizontal sums kept
 * as ints; the vertical pass done the way OpenCV's SIMD kernel does it ({@code (S >> 4)} times the
 * weight, high 16 bits, summed, then {@code (v + 2) >> 2}), which differs from the plain {@code (v
 * + 2^21) >> 22} by one level on some pixels; and an exact 2:1 shrink on both axes switched to
 * OpenCV's area-average fast path {@code (a + b + c + d + 2) >> 2}. {@code LinearResizeTest} proves
 * identity against fixtures made by {@code cv2} itself.
 *
 * <p>Fast the way OpenCV is, as far as plain Java goes: the resize is separable, so each source row
 * that an output row needs is resized horizontally once and output rows are blends of two such
 * rows. It takes the source one row at a time ({@link #rows}): an output row is written as soon as
 * its second source row arrives, so a decoder can feed it line by line and the full-size image need
 * never exist ({@link ImageDecoder#decodeLetterboxed}); only the last two needed rows are held.
 * Source offsets and weights of every column and row are computed once per pair of sizes ({@link
 * Plan}, cached: a camera produces a handful of sizes). The result is written straight into the
 * caller's buffer (the letterbox's padded image), so nothing is copied afterwards.
 *
 * <p>Tried for the horizontal pass, which takes two thirds of the resize of a photo shrunk 3:1, and
 * slower on JDK 17 (issue 15): one 8-byte load per column with the bytes taken apart by shifts;
 * three channels in 20-bit lanes of a long (two multiplies a column instead of six); gathering the
 * pixels into int arrays for a vectorised multiply-add; both source rows and the vertical blend in
 * one loop. C2 vectorises none of the byte-to-int widening that each of them needs.
 */
public final class LinearResize {
  private static final int COEF_BITS = 11;
  private static final int COEF_SCALE = 1 << COEF_BITS;

  /** Plans kept at most; cleared when full (real folders hold a few photo sizes). */
  private static final int PLAN_CACHE_SIZE = 64;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final Map<Plan.Key, Plan> PLANS = new ConcurrentHashMap<>();

  private LinearResize() {}

  public static RgbImage resize(RgbImage src, int dstWidth, int dstHeight) {
    if (dstWidth <= 0 || dstHeight <= 0) {
      throw new IllegalArgumentException("empty target size " + dstWidth + "x" + dstHeight);
    }
    RgbImage out = RgbImage.blank(dstWidth, dstHeight);
    resizeInto(src, dstWidth, dstHeight, out.pixels(), 0, dstWidth * 3);
    return out;
  }

  /**
   * Resizes {@code src} to {@code dstWidth×dstHeight} into {@code out}: output row {@code y} starts
   * at {@code offset + y·stride}; nothing else of {@code out} is written.
   */
  public static void resizeInto(
      RgbImage src, int dstWidth, int dstHeight, byte[] out, int offset, int stride) {
    Rows rows = rows(src.width(), src.height(), dstWidth, dstHeight, out, offset, stride);
    int rowBytes = src.width() * 3;
    for (int y = 0; y < src.height(); y++) {
      rows.accept(src.pixels(), y * rowBytes);
    }
  }

  /**
   * The same resize fed one source row at a time, top to bottom, as a decoder produces them: each
   * output row is written into {@code out} (row {@code y} at {@code offset + y·stride}) as soon as
   * its source rows have arrived, so the full-size image need never exist.
   */
  public static Rows rows(
      int srcWidth,
      int srcHeight,
      int dstWidth,
      int dstHeight,
      byte[] out,
      int offset,
      int stride) {
    if (srcWidth <= 0 || srcHeight <= 0) {
      throw new IllegalArgumentException("empty source size " + srcWidth + "x" + srcHeight);
    }
    if (dstWidth <= 0 || dstHeight <= 0) {
      throw new IllegalArgumentException("empty target size " + dstWidth + "x" + dstHeight);
    }
    if (stride < dstWidth * 3
        || offset < 0
        || offset + (long) (dstHeight - 1) * stride + dstWidth * 3L > out.length) {
      throw new IllegalArgumentException("the output buffer is too small");
    }
    if (dstWidth == srcWidth && dstHeight == srcHeight) {
      return new Copy(srcWidth, srcHeight, out, offset, stride);
    } else if (srcWidth == 2 * dstWidth && srcHeight == 2 * dstHeight) {
      return new Halve(srcWidth, srcHeight, out, offset, stride);
    } else {
      return new Bilinear(
          srcWidth, srcHeight, plan(srcWidth, srcHeight, dstWidth, dstHeight), out, offset, stride);
    }
  }

  /** A resize that takes its source rows one at a time, in order; not thread-safe. */
  public abstract static class Rows {
    final int srcWidth;
    final int srcHeight;
    final byte[] out;
    final int offset;
    final int stride;
    private int received;

    Rows(int srcWidth, int srcHeight, byte[] out, int offset, int stride) {
      this.srcWidth = srcWidth;
      this.srcHeight = srcHeight;
      this.out = out;
      this.offset = offset;
      this.stride = stride;
    }

    /** The next source row: {@code 3·srcWidth} bytes of {@code pixels} from {@code start}. */
    public final void accept(byte[] pixels, int start) {
      if (received == srcHeight) {
        throw new IllegalStateException("all " + srcHeight + " source rows were given already");
      }
      if (start < 0 || start + srcWidth * 3L > pixels.length) {
        throw new IllegalArgumentException("a source row runs past its array");
      }
      row(received++, pixels, start);
    }

    /** Whether every source row has arrived, and so every output row is written. */
    public final boolean complete() {
      return received == srcHeight;
    }

    abstract void row(int sy, byte[] pixels, int start);
  }

  private static final class Copy extends Rows {
    Copy(int width, int height, byte[] out, int offset, int stride) {
      super(width, height, out, offset, stride);
    }

    @Override
    void row(int sy, byte[] pixels, int start) {
      System.arraycopy(pixels, start, out, offset + sy * stride, srcWidth * 3);
    }
  }

  /** OpenCV switches INTER_LINEAR at exactly 2:1 on both axes to its INTER_AREA fast path. */
  private static final class Halve extends Rows {
    /** The even row, kept until its odd partner arrives (a decoder reuses its row buffer). */
    private final byte[] even;

    Halve(int width, int height, byte[] out, int offset, int stride) {
      super(width, height, out, offset, stride);
      even = new byte[width * 3];
    }

    @Override
    void row(int sy, byte[] pixels, int start) {
      if (sy % 2 == 0) {
        System.arraycopy(pixels, start, even, 0, even.length);
        return;
      }
      int o = offset + (sy / 2) * stride;
      int rowBytes = srcWidth / 2 * 3;
      for (int x = 0, p = 0; x < rowBytes; x += 3, p += 6) {
        for (int c = 0; c < 3; c++) {
          int sum =
              (even[p + c] & 0xFF)
                  + (even[p + 3 + c] & 0xFF)
                  + (pixels[start + p + c] & 0xFF)
                  + (pixels[start + p + 3 + c] & 0xFF);
          out[o + x + c] = (byte) ((sum + 2) >> 2);
        }
      }
    }
  }

  private static final class Bilinear extends Rows {
    private final Plan plan;

    /**
     * The last two source rows that output rows need, resized horizontally: an output row blends
     * rows {@code s} and {@code s + 1}, and is written when {@code s + 1} arrives.
     */
    private int[] current;

    private int[] previous;
    private final int[] values;

    /** The next output row to write. */
    private int dy;

    Bilinear(int srcWidth, int srcHeight, Plan plan, byte[] out, int offset, int stride) {
      super(srcWidth, srcHeight, out, offset, stride);
      this.plan = plan;
      int rowLength = plan.dstWidth * 3;
      current = new int[rowLength];
      previous = new int[rowLength];
      values = new int[rowLength];
    }

    @Override
    void row(int sy, byte[] pixels, int start) {
      if (!plan.needed[sy]) {
        return;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
      horizontal(pixels, start, plan, current);
      // Output rows read rows (row0, row1) with row1 == row0 or row0 + 1, both needed, so row0 is
      // this row or the needed row before it.
      while (dy < plan.dstHeight && plan.row1[dy] == sy) {
        int[] top = plan.row0[dy] == sy ? current : previous;
        vertical(
            top,
            current,
            plan.rowWeight0[dy],
            plan.rowWeight1[dy],
            values,
            out,
            offset + dy * stride);
        dy++;
      }
    }
  }

  /**
   * One source row resized horizontally: per output column, {@code a0·p[s] + a1·p[s+1]} per
   * channel, from the plan's interleaved (offset, a0, a1) table.
   */
  private static void horizontal(byte[] in, int base, Plan plan, int[] row) {
    int[] columns = plan.columns;
    if (plan.srcWidth == 1) { // no pairs: every column is the one pixel
      for (int o = 0; o < columns.length; o += 3) {
        for (int c = 0; c < 3; c++) {
          row[o + c] = (in[base + c] & 0xFF) * columns[o + 1];
        }
      }
      return;
    }
    for (int o = 0; o < columns.length; o += 3) {
      int p0 = base + columns[o];
      int a0 = columns[o + 1];
      int a1 = columns[o + 2];
      // Loads first, then arithmetic: measured 15% faster than interleaving them.
      int r0 = in[p0] & 0xFF;
      int g0 = in[p0 + 1] & 0xFF;
      int b0 = in[p0 + 2] & 0xFF;
      int r1 = in[p0 + 3] & 0xFF;
      int g1 = in[p0 + 4] & 0xFF;
      int b1 = in[p0 + 5] & 0xFF;
      row[o] = r0 * a0 + r1 * a1;
      row[o + 1] = g0 * a0 + g1 * a1;
      row[o + 2] = b0 * a0 + b1 * a1;
    }
  }

  /**
   * OpenCV's {@code VResizeLinearVec_32s8u}: the arithmetic of its SIMD vertical pass. In two loops
   * because the JIT vectorises the first (ints only) and not a loop that stores bytes; the second
   * packs eight bytes into each store. No clamping to 0..255: the weights of each axis sum to at
   * most 2049 ({@link Plan}), for which the largest result is 255.
   */
  private static void vertical(
      int[] top, int[] bottom, int b0, int b1, int[] values, byte[] out, int offset) {
    int n = top.length;
    for (int x = 0; x < n; x++) {
      values[x] = ((((top[x] >> 4) * b0) >> 16) + (((bottom[x] >> 4) * b1) >> 16) + 2) >> 2;
    }
    int x = 0;
    for (; x + 8 <= n; x += 8) {
      long low = values[x] | values[x + 1] << 8 | values[x + 2] << 16 | values[x + 3] << 24;
      long high = values[x + 4] | values[x + 5] << 8 | values[x + 6] << 16 | values[x + 7] << 24;
      LONG_LE.set(out, offset + x, (low & 0xFFFF_FFFFL) | high << 32);
    }
    for (; x < n; x++) {
      out[offset + x] = (byte) values[x];
    }
  }

  private static Plan plan(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
    Plan.Key key = new Plan.Key(srcWidth, srcHeight, dstWidth, dstHeight);
    Plan plan = PLANS.get(key);
    if (plan == null) {
      if (PLANS.size() >= PLAN_CACHE_SIZE) {
        PLANS.clear();
      }
      plan = PLANS.computeIfAbsent(key, Plan::of);
    }
    return plan;
  }

  /**
   * Where every output column and row reads and with which 11-bit weights, as OpenCV's {@code
   * hal::resize} computes them; immutable, shared by threads.
   */
  private static final class Plan {
    record Key(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {}

    final int srcWidth;
    final int dstWidth;
    final int dstHeight;

    /**
     * Per output column: the byte offset within a source row of its left pixel, and the two pixels'
     * weights; the right pixel is the next one (where OpenCV clamps a column at the right edge, the
     * pair is moved one pixel left with the weight on its right pixel, so no pair runs past its
     * row; a one-pixel-wide source has no pairs).
     */
    final int[] columns;

    /** Source rows of each output row (clamped to the image) and their weights. */
    final int[] row0;

    final int[] row1;
    final int[] rowWeight0;
    final int[] rowWeight1;

    /** Per source row: whether an output row reads it (about two thirds of a photo's rows). */
    final boolean[] needed;

    private Plan(Key key) {
      dstWidth = key.dstWidth();
      dstHeight = key.dstHeight();
      srcWidth = key.srcWidth();
      int srcHeight = key.srcHeight();

      int[] sx = new int[dstWidth];
      int[] weight0 = new int[dstWidth];
      int[] weight1 = new int[dstWidth];
      weights(srcWidth, dstWidth, true, sx, weight0, weight1);
      columns = new int[3 * dstWidth];
      for (int d = 0; d < dstWidth; d++) {
        int left = sx[d];
        int a0 = weight0[d];
        int a1 = weight1[d];
        if (left == srcWidth - 1) {
          // Clamped at the right edge (a1 == 0): read the pixel as the right one of a pair that
          // ends the row instead, so that the pair never runs past the row.
          if (srcWidth > 1) {
            left -= 1;
            a1 = a0;
            a0 = 0;
          }
        }
        columns[3 * d] = left * 3;
        columns[3 * d + 1] = a0;
        columns[3 * d + 2] = a1;
      }
      int[] sy = new int[dstHeight];
      rowWeight0 = new int[dstHeight];
      rowWeight1 = new int[dstHeight];
      weights(srcHeight, dstHeight, false, sy, rowWeight0, rowWeight1);
      checkWeightSums(weight0, weight1);
      checkWeightSums(rowWeight0, rowWeight1);
      row0 = new int[dstHeight];
      row1 = new int[dstHeight];
      needed = new boolean[srcHeight];
      for (int d = 0; d < dstHeight; d++) {
        row0[d] = clamp(sy[d], srcHeight);
        row1[d] = clamp(sy[d] + 1, srcHeight);
        needed[row0[d]] = true;
        needed[row1[d]] = true;
      }
    }

    static Plan of(Key key) {
      return new Plan(key);
    }

    /**
     * Source offsets and 11-bit weights along one axis, as OpenCV's {@code hal::resize} builds
     * them.
     */
    private static void weights(
        int srcSize, int dstSize, boolean clampEdges, int[] offset, int[] weight0, int[] weight1) {
      double scale = 1.0 / ((double) dstSize / srcSize);
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
    }

    /** What {@link #vertical} relies on to skip clamping (each weight is rounded once: ≤ 2049). */
    private static void checkWeightSums(int[] weight0, int[] weight1) {
      for (int i = 0; i < weight0.length; i++) {
        if (weight0[i] < 0 || weight1[i] < 0 || weight0[i] + weight1[i] > COEF_SCALE + 1) {
          throw new IllegalStateException("resize weights out of range");
        }
      }
    }

    private static int clamp(int index, int size) {
      return index < 0 ? 0 : Math.min(index, size - 1);
    }
  }
}
