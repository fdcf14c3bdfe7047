package io.biotrack.worker.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The model input: the letterboxed RGB image, each value {@code v / 255f} (a true float division,
 * as torch's {@code /= 255.0}; multiplying by {@code 1/255f} can differ by 1 ULP), stored
 * channels-last: float32 {@code H×W×3}, the pixels' own interleaved order. The model sees it as
 * {@code [1, 3, H, W]} through a permuted view ({@link TorchScriptModel}), which libtorch then runs
 * in channels-last memory format: the same convolutions, about 10% faster on CPU and with half the
 * page faults, and no copy to planes here. The outputs differ from the planar (NCHW) run only in
 * the order sums are accumulated (within the parity tolerances, see ParityIT).
 *
 * <p>The floats live in a direct, native-order buffer, which DJL hands to libtorch as it is ({@code
 * from_blob}, no copy); a heap {@code float[]} would be copied into a fresh direct buffer on every
 * forward. Built on a decoder thread, so the model thread only runs the model.
 */
public record ImageTensor(ByteBuffer data, int height, int width) {
  /** {@code v / 255f} for every byte value, computed once. */
  private static final float[] SCALED = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      SCALED[v] = v / 255f;
    }
  }

  public ImageTensor {
    if (!data.isDirect() || data.order() != ByteOrder.nativeOrder()) {
      throw new IllegalArgumentException("the tensor needs a direct, native-order buffer");
    }
    if (data.capacity() != 3L * Float.BYTES * height * width) {
      throw new IllegalArgumentException("need 3x" + height + "x" + width + " floats");
    }
  }

  public static ImageTensor of(RgbImage image) {
    byte[] in = image.pixels();
    ByteBuffer data =
        ByteBuffer.allocateDirect(Math.multiplyExact(in.length, Float.BYTES))
            .order(ByteOrder.nativeOrder());
    FloatBuffer out = data.asFloatBuffer();
    for (int i = 0; i < in.length; i++) {
      out.put(i, SCALED[in[i] & 0xFF]);
    }
    return new ImageTensor(data, image.height(), image.width());
  }

  /**
   * A copy of the values in CHW (planar) order, as torch indexes {@code [0, c, y, x]}: for tests.
   */
  public float[] values() {
    int plane = height * width;
    float[] values = new float[3 * plane];
    FloatBuffer hwc = data.asFloatBuffer();
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        values[c * plane + i] = hwc.get(3 * i + c);
      }
    }
    return values;
  }
}
