package io.biotrack.worker.detect;

/**
 * The model input: the letterboxed RGB image as float32 CHW, each value {@code v / 255f} (a true
 * float division, as torch's {@code /= 255.0}; multiplying by {@code 1/255f} can differ by 1 ULP).
 */
public final class ImageTensor {
  private ImageTensor() {}

  public static float[] chw(RgbImage image) {
    int plane = image.width() * image.height();
    float[] out = new float[plane * 3];
    byte[] in = image.pixels();
    for (int i = 0; i < plane; i++) {
      out[i] = (in[3 * i] & 0xFF) / 255f;
      out[plane + i] = (in[3 * i + 1] & 0xFF) / 255f;
      out[2 * plane + i] = (in[3 * i + 2] & 0xFF) / 255f;
    }
    return out;
  }
}
