package io.biotrack.gateway.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Small real images, made by the JDK's encoders (no files shipped for these). */
public final class TestImages {
  private TestImages() {}

  public static byte[] jpeg() {
    return encode("jpg");
  }

  /** A JPEG of this size: the left half dark green, the right half orange. */
  public static byte[] jpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40, 120, 60));
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.ORANGE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] png() {
    return encode("png");
  }

  public static byte[] bmp() {
    return encode("bmp");
  }

  public static byte[] tiff() {
    return encode("tiff");
  }

  /** A WebP header (the JDK has no WebP encoder; the gateway only reads the signature). */
  public static byte[] webpHeader() {
    byte[] riff = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[40];
    System.arraycopy(riff, 0, out, 0, riff.length);
    return out;
  }

  private static byte[] encode(String format) {
    BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40, 120, 60));
    g.fillRect(0, 0, 16, 12);
    g.setColor(Color.ORANGE);
    g.fillOval(4, 3, 6, 5);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
