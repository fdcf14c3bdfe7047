package io.biotrack.worker.detect;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * A destination image for the JDK's JPEG reader that gives PIL's samples of a colour JPEG, fast.
 *
 * <p>Order: the reader's own choice for colour photos is B, G, R ({@code TYPE_3BYTE_BGR}), into
 * which each decoded R, G, B scanline is copied pixel by pixel through the generic {@code Raster}
 * API (about a third of the decode time of a 12 MP photo). Into an R, G, B image it is one {@code
 * System.arraycopy} per line, and the image's array is already the {@link RgbImage} layout, so
 * nothing is copied afterwards.
 *
 * <p>Colour space: PIL, and so MegaDetector, ignores embedded ICC profiles. The JDK reader converts
 * a file's ICC colours to the destination's colour space whenever the two differ, and its default
 * destination is sRGB, so by default an ICC-tagged JPEG (Adobe RGB, edited photos) comes out
 * colour-converted. This destination takes the file's own profile when it has one (the reader
 * offers it as one of its image types, the same instance), so no conversion happens; files without
 * a profile get sRGB, which the reader never converts.
 */
final class RgbDestination {
  private static final int[] RGB_ORDER = {0, 1, 2};

  private RgbDestination() {}

  /**
   * An R, G, B byte image of {@code width×height} for the reader's current image, or null when the
   * reader offers no 8-bit, 3-band colour type (greyscale, CMYK): those keep its default.
   */
  static BufferedImage forReader(ImageReader reader, int width, int height) throws IOException {
    ColorSpace chosen = colourSpace(reader);
    if (chosen == null) {
      return null;
    }
    return ImageTypeSpecifier.createInterleaved(
            chosen, RGB_ORDER, DataBuffer.TYPE_BYTE, false, false)
        .createBufferedImage(width, height);
  }

  /**
   * The same destination, but one that keeps no pixels: each decoded line goes to {@code lines}
   * ({@link ScanlineRaster}). Null where {@link #forReader} is.
   */
  static BufferedImage streaming(
      ImageReader reader, int width, int height, ScanlineRaster.Lines lines) throws IOException {
    ColorSpace chosen = colourSpace(reader);
    if (chosen == null) {
      return null;
    }
    ColorModel colours =
        ImageTypeSpecifier.createInterleaved(chosen, RGB_ORDER, DataBuffer.TYPE_BYTE, false, false)
            .getColorModel();
    return new BufferedImage(colours, new ScanlineRaster(width, height, lines), false, null);
  }

  /** The file's own colour space (its ICC profile) or sRGB; null for no 8-bit RGB type. */
  private static ColorSpace colourSpace(ImageReader reader) throws IOException {
    ColorSpace chosen = null;
    for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
      ImageTypeSpecifier type = types.next();
      if (isByteRgb(type)) {
        ColorSpace space = type.getColorModel().getColorSpace();
        if (chosen == null || !space.isCS_sRGB()) {
          chosen = space; // the file's embedded profile wins over sRGB
        }
      }
    }
    return chosen;
  }

  private static boolean isByteRgb(ImageTypeSpecifier type) {
    ColorModel colours = type.getColorModel();
    SampleModel samples = type.getSampleModel();
    return colours.getColorSpace().getType() == ColorSpace.TYPE_RGB
        && !colours.hasAlpha()
        && samples.getNumBands() == 3
        && samples.getDataType() == DataBuffer.TYPE_BYTE;
  }
}
