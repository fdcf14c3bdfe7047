package io.biotrack.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The viewer's thumbnail of a photo: a JPEG whose longest side is {@value #LONGEST_SIDE} px (a
 * smaller photo keeps its size), from the photo's pixels as detection saw them (EXIF orientation
 * applied). Each thumbnail pixel is the average of the photo pixels it covers ({@link BoxShrink}),
 * which neither aliases like a nearest or bilinear shrink of 10:1 would nor costs a filtered
 * resize.
 */
public final class Thumbnails {
  public static final int LONGEST_SIDE = 320;
  public static final String CONTENT_TYPE = "image/jpeg";

  /** JPEG quality: about 15–25 KB for a 320×240 camera-trap thumbnail. */
  private static final float QUALITY = 0.8f;

  static {
    ImageIO.setUseCache(false); // encode in memory, never via temporary files
  }

  private Thumbnails() {}

  /**
   * The thumbnail of an 8-bit RGB image.
   *
   * @param rgb {@code height} rows of {@code width} pixels, R, G, B interleaved
   */
  public static byte[] of(int width, int height, byte[] rgb) {
    int[] size = size(width, height);
    byte[] small = BoxShrink.apply(width, height, rgb, size[0], size[1]);
    return jpeg(size[0], size[1], small);
  }

  /** The thumbnail's width and height for a photo of this size. */
  public static int[] size(int width, int height) {
    int longest = Math.max(width, height);
    if (longest <= LONGEST_SIDE) {
      return new int[] {width, height};
    }
    double scale = (double) LONGEST_SIDE / longest;
    return new int[] {
      Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))
    };
  }

  /** Encodes interleaved RGB pixels as a baseline JPEG. */
  static byte[] jpeg(int width, int height, byte[] rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < bgr.length; i += 3) {
      bgr[i] = rgb[i + 2];
      bgr[i + 1] = rgb[i + 1];
      bgr[i + 2] = rgb[i];
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: not expected
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
