package io.biotrack.image;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A thumbnail made from a photo's file, for a photo whose worker wrote none (a job from before
 * thumbnails, results reused from a previous job, a failed write). Memory stays small whatever the
 * photo's size: the decoder reads every n-th pixel of every n-th row ({@link
 * ImageReadParam#setSourceSubsampling}), n chosen so that the decoded picture is under {@value
 * #DECODED_SIDE} px on its longest side (under 7 MB), and the file is streamed, never held. A JPEG
 * is turned by its EXIF orientation as detection turns it (3, 6 and 8; mirrored ones are not).
 */
public final class OriginalThumbnail {
  public static final String MEDIA_TYPE = Thumbnails.CONTENT_TYPE;

  /** The decoded picture's longest side stays under this (twice the thumbnail's, for quality). */
  static final int DECODED_SIDE = 4 * Thumbnails.LONGEST_SIDE;

  /** Where a JPEG's EXIF block must start to be found (it is one of the first segments). */
  private static final int HEAD_BYTES = 128 * 1024;

  static {
    ImageIO.setUseCache(false); // decode from the stream, never via temporary files
  }

  private OriginalThumbnail() {}

  /**
   * @return the thumbnail (a JPEG), or null when Java cannot decode the file (broken, or a type
   *     without a reader, e.g. WebP)
   * @throws IOException reading {@code original} failed
   */
  public static byte[] make(InputStream original) throws IOException {
    BufferedInputStream in = new BufferedInputStream(original, 64 * 1024);
    in.mark(HEAD_BYTES);
    int orientation = JpegOrientation.of(in.readNBytes(HEAD_BYTES));
    in.reset();
    ImageInputStream stream = ImageIO.createImageInputStream(in);
    if (stream == null) {
      return null;
    }
    try (stream) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(stream, true, true);
        int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
        int step = Math.max(1, longest / (DECODED_SIDE / 2));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        return thumbnail(image, orientation);
      } catch (IOException | RuntimeException undecodable) {
        // IIOException for a broken file; the decoders throw runtime exceptions on some.
        return null;
      } finally {
        reader.dispose();
      }
    }
  }

  private static byte[] thumbnail(BufferedImage image, int orientation) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] row = new int[width];
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0, i = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++, i += 3) {
        rgb[i] = (byte) (row[x] >> 16);
        rgb[i + 1] = (byte) (row[x] >> 8);
        rgb[i + 2] = (byte) row[x];
      }
    }
    return switch (orientation) {
      case 3 -> Thumbnails.of(width, height, turn(width, height, rgb, 180));
      case 6 -> Thumbnails.of(height, width, turn(width, height, rgb, 90));
      case 8 -> Thumbnails.of(height, width, turn(width, height, rgb, 270));
      default -> Thumbnails.of(width, height, rgb);
    };
  }

  /** Turns interleaved RGB pixels clockwise by {@code degrees} (90, 180 or 270). */
  static byte[] turn(int width, int height, byte[] rgb, int degrees) {
    byte[] out = new byte[rgb.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int to =
            switch (degrees) {
              case 90 -> x * height + (height - 1 - y);
              case 180 -> (height - 1 - y) * width + (width - 1 - x);
              case 270 -> (width - 1 - x) * height + y;
              default -> throw new IllegalArgumentException("turns are 90, 180 or 270 degrees");
            };
        System.arraycopy(rgb, (y * width + x) * 3, out, to * 3, 3);
      }
    }
    return out;
  }
}
