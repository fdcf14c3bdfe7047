package io.biotrack.worker.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The model input: the letterboxed RGB image as float32 {@code [1, 3, H, W]} (CHW), each value
 * {@code v / 255f} (a true float division, as torch's {@code /= 255.0}; multiplying by {@code
 * 1/255f} can differ by 1 ULP).
 *
 * <p>The floats live in a direct, native-order buffer, which DJL hands to libtorch as it is
 * ({@code from_blob}, no copy); a heap {@code float[]} would be copied into a fresh direct buffer
 * on every forward. Built on a decoder thread, so the model thread only runs the model.
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
    int plane = image.width() * image.height();
    ByteBuffer data =
        ByteBuffer.allocateDirect(Math.multiplyExact(plane, 3 * Float.BYTES)).order(ByteOrder.nativeOrder());
    FloatBuffer out = data.asFloatBuffer();
    byte[] in = image.pixels();
    for (int i = 0; i < plane; i++) {
      out.put(i, SCALED[in[3 * i] & 0xFF]);
      out.put(plane + i, SCALED[in[3 * i + 1] & 0xFF]);
      out.put(2 * plane + i, SCALED[in[3 * i + 2] & 0xFF]);
    }
    return new ImageTensor(data, image.height(), image.width());
  }

  /** A copy of the values in CHW order (for tests and checks; the model reads {@link #data}). */
  public float[] values() {
    float[] values = new float[3 * height * width];
    data.asFloatBuffer().get(0, values);
    return values;
  }
}
