package io.biotrack.worker.classify;

import io.biotrack.worker.detect.RgbImage;
import java.util.List;

/**
 * SpeciesNet's preprocessing of one detection for an "a" model ({@code
 * SpeciesNetClassifier.preprocess} with {@code always_crop}), reproduced step by step because its
 * rounding decides the model's input (docs/species.md):
 *
 * <ol>
 *   <li>pixels to float32 {@code v / 255};
 *   <li>crop {@code top = int(y·H)}, {@code left = int(x·W)}, {@code height = int(h·H)}, {@code
 *       width = int(w·W)} (Python doubles, truncated; outside the image is zero, as torchvision's
 *       {@code crop} pads);
 *   <li>bilinear resize to 480×480 without antialiasing ({@code align_corners=False}), in float32
 *       as libtorch's CPU kernel computes it;
 *   <li>back to uint8 as torchvision's {@code convert_image_dtype}: {@code v · 255.999} truncated.
 * </ol>
 *
 * <p>The source positions are libtorch's to the bit: a float32 scale {@code in / 480}, then the
 * position {@code scale · (i + 0.5) − 0.5} and its fraction in double precision, the weights
 * rounded to float32 (found by resizing identity images with torch 1.13). libtorch's CPU kernels
 * then add the four products in an order that depends on the tensor's memory layout and the
 * compiler's fused multiply-adds; the sum here is within one float32 step of theirs, so after the
 * uint8 truncation a few values per crop can land one level apart (SpeciesParityIT measures it).
 */
public final class SpeciesCrop {
  public static final int SIZE = 480;

  private SpeciesCrop() {}

  /**
   * The 480×480 RGB crop (HWC, values 0..255), or null when the box is empty in pixels (SpeciesNet
   * cannot resize an empty crop; the detection is not classified).
   *
   * @param bbox {@code [x, y, w, h]} normalised, as in the results
   */
  public static byte[] of(RgbImage image, List<Double> bbox) {
    int imgW = image.width();
    int imgH = image.height();
    int top = (int) (bbox.get(1) * imgH);
    int left = (int) (bbox.get(0) * imgW);
    int height = (int) (bbox.get(3) * imgH);
    int width = (int) (bbox.get(2) * imgW);
    if (height <= 0 || width <= 0) {
      return null;
    }
    int[] x0 = new int[SIZE];
    int[] x1 = new int[SIZE];
    float[] x0l = new float[SIZE];
    float[] x1l = new float[SIZE];
    for (int ox = 0; ox < SIZE; ox++) {
      Source src = Source.of(width, ox);
      x0[ox] = src.i0;
      x1[ox] = src.i1;
      x0l[ox] = src.lambda0;
      x1l[ox] = src.lambda1;
    }
    byte[] out = new byte[SIZE * SIZE * 3];
    for (int oy = 0; oy < SIZE; oy++) {
      Source row = Source.of(height, oy);
      for (int ox = 0; ox < SIZE; ox++) {
        for (int c = 0; c < 3; c++) {
          float i00 = pixel(image, top + row.i0, left + x0[ox], c);
          float i01 = pixel(image, top + row.i0, left + x1[ox], c);
          float i10 = pixel(image, top + row.i1, left + x0[ox], c);
          float i11 = pixel(image, top + row.i1, left + x1[ox], c);
          float t0 = Math.fma(i01, x1l[ox], i00 * x0l[ox]);
          float t1 = Math.fma(i11, x1l[ox], i10 * x0l[ox]);
          out[(oy * SIZE + ox) * 3 + c] = toUint8(t0 * row.lambda0 + t1 * row.lambda1);
        }
      }
    }
    return out;
  }

  /**
   * libtorch's {@code compute_source_index_and_lambda} for output index {@code i}, {@code
   * align_corners=False}.
   */
  private record Source(int i0, int i1, float lambda0, float lambda1) {
    static Source of(int inputSize, int i) {
      if (inputSize == SIZE) {
        return new Source(i, i, 1f, 0f); // same size: a copy
      }
      float scale = (float) inputSize / SIZE;
      double real = Math.max((double) scale * (i + 0.5) - 0.5, 0.0);
      int i0 = (int) real;
      int i1 = i0 + (i0 < inputSize - 1 ? 1 : 0);
      double lambda1 = Math.min(Math.max(real - i0, 0.0), 1.0);
      return new Source(i0, i1, (float) (1.0 - lambda1), (float) lambda1);
    }
  }

  /** torchvision's float → uint8: {@code (v · (255 + 1 − 0.001)).to(uint8)}, truncation. */
  static byte toUint8(float v) {
    float scaled = v * 255.999f;
    int u = (int) scaled; // toward zero, as the cast in libtorch
    return (byte) Math.max(0, Math.min(255, u));
  }

  private static float pixel(RgbImage image, int y, int x, int c) {
    if (y < 0 || x < 0 || y >= image.height() || x >= image.width()) {
      return 0f; // torchvision's crop pads outside the image with zeros
    }
    return SCALED[image.sample(x, y, c)];
  }

  /** {@code u / 255} in float32, as torch's uint8 → float32 conversion divides. */
  private static final float[] SCALED = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      SCALED[v] = v / 255f;
    }
  }
}
