package io.biotrack.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OriginalThumbnailTest {

  /** A JPEG, the left half red and the right half blue. */
  static byte[] halves(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  /** {@code jpeg} with an APP1 Exif segment holding orientation {@code value}, after the SOI. */
  static byte[] withOrientation(byte[] jpeg, int value) {
    ByteBuffer tiff = ByteBuffer.allocate(26); // big-endian: MM
    tiff.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8);
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) value);
    tiff.putShort((short) 0).putInt(0);
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + exif.length + tiff.capacity();
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
    out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
    out.put(exif).put(tiff.array()).put(jpeg, 2, jpeg.length - 2);
    return out.array();
  }

  static BufferedImage thumbnail(byte[] original) throws Exception {
    byte[] jpeg = OriginalThumbnail.make(new ByteArrayInputStream(original));
    assertThat(jpeg).isNotNull();
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }

  @Test
  void aLargePhotoBecomesAt320Px() throws Exception {
    BufferedImage thumb = thumbnail(halves(4000, 3000));
    assertThat(thumb.getWidth() + "x" + thumb.getHeight()).isEqualTo("320x240");
    assertThat(new Color(thumb.getRGB(40, 120)).getRed()).isGreaterThan(200);
    assertThat(new Color(thumb.getRGB(280, 120)).getBlue()).isGreaterThan(200);
  }

  @Test
  void orientation6TurnsItClockwiseAsDetectionDoes() throws Exception {
    BufferedImage thumb = thumbnail(withOrientation(halves(640, 480), 6));
    assertThat(thumb.getWidth() + "x" + thumb.getHeight()).isEqualTo("240x320");
    // Turned clockwise, the left (red) half is on top.
    assertThat(new Color(thumb.getRGB(120, 40)).getRed()).isGreaterThan(200);
    assertThat(new Color(thumb.getRGB(120, 280)).getBlue()).isGreaterThan(200);
  }

  @Test
  void orientations8And3TurnTheOtherWays() throws Exception {
    BufferedImage eight = thumbnail(withOrientation(halves(640, 480), 8));
    assertThat(eight.getWidth() + "x" + eight.getHeight()).isEqualTo("240x320");
    assertThat(new Color(eight.getRGB(120, 40)).getBlue()).isGreaterThan(200); // red at the bottom
    BufferedImage three = thumbnail(withOrientation(halves(640, 480), 3));
    assertThat(three.getWidth() + "x" + three.getHeight()).isEqualTo("320x240");
    assertThat(new Color(three.getRGB(40, 120)).getBlue()).isGreaterThan(200); // red on the right
  }

  @Test
  void aFileJavaCannotDecodeHasNoThumbnail() throws Exception {
    assertThat(OriginalThumbnail.make(new ByteArrayInputStream("not an image".getBytes())))
        .isNull();
    byte[] cut = halves(640, 480);
    byte[] truncated = java.util.Arrays.copyOf(cut, 200);
    assertThat(OriginalThumbnail.make(new ByteArrayInputStream(truncated))).isNull();
  }
}
