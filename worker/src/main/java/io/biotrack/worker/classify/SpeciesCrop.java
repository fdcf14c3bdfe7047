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
 * <p>libtorch takes one of two kernels for the resize: the channels-last one when the crop is as
 * wide as the image (torchvision's tensor is a channels-last view of the HWC pixels, and such a
 * crop stays contiguous), the generic one otherwise. They associate the four products
 * differently, so both are reproduced.
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
    boolean channelsLastKernel = left == 0 && width == imgW && top >= 0 && top + height <= imgH;
    float scaleH = (float) height / SIZE;
    float scaleW = (float) width / SIZE;
    int[] x0 = new int[SIZE];
    int[] x1 = new int[SIZE];
    float[] x0l = new float[SIZE];
    float[] x1l = new float[SIZE];
    for (int ox = 0; ox < SIZE; ox++) {
      float src = Math.max(scaleW * (ox + 0.5f) - 0.5f, 0f);
      int i = Math.min((int) Math.floor(src), width - 1);
      float lambda = Math.min(Math.max(src - i, 0f), 1f);
      x0[ox] = i;
      x1[ox] = i + (i < width - 1 ? 1 : 0);
      x1l[ox] = lambda;
      x0l[ox] = 1f - lambda;
    }
    byte[] out = new byte[SIZE * SIZE * 3];
    for (int oy = 0; oy < SIZE; oy++) {
      float src = Math.max(scaleH * (oy + 0.5f) - 0.5f, 0f);
      int y0 = Math.min((int) Math.floor(src), height - 1);
      float h1l = Math.min(Math.max(src - y0, 0f), 1f);
      float h0l = 1f - h1l;
      int y1 = y0 + (y0 < height - 1 ? 1 : 0);
      for (int ox = 0; ox < SIZE; ox++) {
        for (int c = 0; c < 3; c++) {
          float i00 = pixel(image, top + y0, left + x0[ox], c);
          float i01 = pixel(image, top + y0, left + x1[ox], c);
          float i10 = pixel(image, top + y1, left + x0[ox], c);
          float i11 = pixel(image, top + y1, left + x1[ox], c);
          float v;
          if (channelsLastKernel) {
            v = i00 * (h0l * x0l[ox]) + i01 * (h0l * x1l[ox]) + i10 * (h1l * x0l[ox]) + i11 * (h1l * x1l[ox]);
          } else {
            float t0 = i00 * x0l[ox] + i01 * x1l[ox];
            float t1 = i10 * x0l[ox] + i11 * x1l[ox];
            v = t0 * h0l + t1 * h1l;
          }
          out[(oy * SIZE + ox) * 3 + c] = toUint8(v);
        }
      }
    }
    return out;
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
