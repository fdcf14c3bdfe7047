package io.biotrack.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {

  private static byte[] tiff(ByteOrder order, int type, int count, int value, int ifdOffset) {
    ByteBuffer b = ByteBuffer.allocate(64).order(order);
    b.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
    b.putShort((short) 42).putInt(ifdOffset);
    b.position(8);
    b.putShort((short) 2); // two entries: ImageWidth, then Orientation
    b.putShort((short) 0x0100)
        .putShort((short) 3)
        .putInt(1)
        .putShort((short) 640)
        .putShort((short) 0);
    b.putShort((short) 0x0112).putShort((short) type).putInt(count);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
    b.putInt(0);
    return b.array();
  }

  @Test
  void readsShortOrientationInBothByteOrders() {
    assertThat(ExifOrientation.read(tiff(ByteOrder.LITTLE_ENDIAN, 3, 1, 6, 8), 0, 64)).isEqualTo(6);
    assertThat(ExifOrientation.read(tiff(ByteOrder.BIG_ENDIAN, 3, 1, 8, 8), 0, 64)).isEqualTo(8);
  }

  @Test
  void readsLongOrientation() {
    assertThat(ExifOrientation.read(tiff(ByteOrder.BIG_ENDIAN, 4, 1, 3, 8), 0, 64)).isEqualTo(3);
  }

  @Test
  void malformedBlocksMeanNoOrientation() {
    assertThat(ExifOrientation.read(tiff(ByteOrder.LITTLE_ENDIAN, 3, 1, 6, 0xFFFF0), 0, 64))
        .isEqualTo(ExifOrientation.NONE);
    assertThat(ExifOrientation.read(tiff(ByteOrder.LITTLE_ENDIAN, 3, 2, 6, 8), 0, 64))
        .as("two values: PIL yields a tuple")
        .isEqualTo(ExifOrientation.NONE);
    assertThat(ExifOrientation.read(new byte[] {'X', 'X', 0, 42, 0, 0, 0, 8}, 0, 8))
        .isEqualTo(ExifOrientation.NONE);
    assertThat(ExifOrientation.read(tiff(ByteOrder.LITTLE_ENDIAN, 3, 1, 6, 8), 0, 20))
        .as("block cut short")
        .isEqualTo(ExifOrientation.NONE);
  }
}
