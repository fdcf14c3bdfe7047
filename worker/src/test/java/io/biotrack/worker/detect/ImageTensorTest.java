package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ImageTensorTest {

  @Test
  void planesAreRgbInChwOrderDividedBy255() {
    // 2x1 image: (255, 0, 51), (1, 128, 254)
    RgbImage image = new RgbImage(2, 1, new byte[] {(byte) 255, 0, 51, 1, (byte) 128, (byte) 254});

    float[] chw = ImageTensor.of(image).values();

    assertThat(chw).containsExactly(1f, 1 / 255f, 0f, 128 / 255f, 51 / 255f, 254 / 255f);
  }

  @Test
  void theBufferHoldsThePixelsChannelsLast() {
    // The model gets a [1, 3, H, W] view with channels-last strides of this H×W×3 buffer.
    RgbImage image = new RgbImage(2, 1, new byte[] {(byte) 255, 0, 51, 1, (byte) 128, (byte) 254});
    float[] hwc = new float[6];

    ImageTensor.of(image).data().asFloatBuffer().get(0, hwc);

    assertThat(hwc).containsExactly(1f, 0f, 51 / 255f, 1 / 255f, 128 / 255f, 254 / 255f);
  }

  @Test
  void dividesRatherThanMultipliesByTheReciprocal() {
    // torch's "/= 255.0" is a true float32 division; v * (1/255f) differs by one ULP for some v.
    RgbImage all = new RgbImage(256, 1, allValuesThrice());
    float[] chw = ImageTensor.of(all).values();

    for (int v = 0; v < 256; v++) {
      assertThat(chw[v]).isEqualTo((float) v / 255f);
    }
    int differing = 0;
    for (int v = 0; v < 256; v++) {
      if (v * (1 / 255f) != v / 255f) {
        differing++;
      }
    }
    assertThat(differing).as("values where the shortcut would differ").isPositive();
  }

  private static byte[] allValuesThrice() {
    byte[] b = new byte[256 * 3];
    for (int v = 0; v < 256; v++) {
      b[3 * v] = (byte) v;
      b[3 * v + 1] = (byte) v;
      b[3 * v + 2] = (byte) v;
    }
    return b;
  }

  @Test
  void theValuesLiveInADirectNativeOrderBufferOfTheRightSize() {
    ImageTensor tensor = ImageTensor.of(new RgbImage(2, 1, new byte[6]));
    assertThat(tensor.data().isDirect()).isTrue();
    assertThat(tensor.data().order()).isEqualTo(ByteOrder.nativeOrder());

    // libtorch reads the buffer in place: a heap buffer or a wrong size cannot be handed over.
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new ImageTensor(ByteBuffer.allocate(24).order(ByteOrder.nativeOrder()), 1, 2))
        .withMessageContaining("direct");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ImageTensor(ByteBuffer.allocateDirect(20).order(ByteOrder.nativeOrder()), 1, 2))
        .withMessageContaining("3x1x2");
  }
}
