package io.biotrack.worker.detect;

import io.biotrack.image.ExifOrientation;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image file to RGB the way MegaDetector's {@code load_image} does with PIL (spec §1):
 *
 * <ul>
 *   <li>modes: RGB as is; RGBA (alpha dropped, no compositing) and L (grey copied to R, G, B)
 *       converted; everything else refused — palette (PNG/GIF/BMP), CMYK JPEG, grey+alpha, 1-bit,
 *       16-bit grey (PIL 9 mode {@code I}; MegaDetector on Pillow ≥ 10.3 reports that one as an
 *       inference failure instead);
 *   <li>EXIF orientation 3/6/8 applied only to natively RGB JPEG and PNG ({@code eXIf}) files;
 *       never to greyscale, RGBA, TIFF, BMP or GIF, never mirrored;
 *   <li>embedded ICC profiles are ignored, as PIL ignores them (colour JPEGs are decoded into an
 *       {@link RgbDestination}, which also stops the JDK reader converting them to sRGB);
 *   <li>16-bit channels keep their high byte (PIL's 16-bit RGB PNG handling);
 *   <li>a truncated JPEG decodes as far as it goes, the rest grey (libjpeg's behaviour, which the
 *       JDK decoder shares);
 *   <li>decompression bombs (more than {@value #MAX_PIXELS} pixels, PIL's error limit) are refused
 *       from the header, before any pixel is decoded.
 * </ul>
 *
 * <p>Pixels are read from the raster, never through {@code getRGB()}, which would colour-convert
 * greyscale (off by up to 73 levels). The JDK's JPEG decoder then matches PIL's libjpeg-turbo on
 * these files pixel for pixel ({@code ParityIT} checks it). WebP and AVIF have no JDK decoder and
 * fail as "image access failure".
 *
 * <p>Thread-safe: each call uses its own reader.
 */
public final class ImageDecoder {
  /** PIL raises {@code DecompressionBombError} above {@code 2 × Image.MAX_IMAGE_PIXELS}. */
  public static final long MAX_PIXELS = 2L * (1024L * 1024 * 1024 / 4 / 3);

  /**
   * Heap the letterbox holds besides the decoded image: the resized image and the padded one (each
   * at most 1280×1280×3 bytes) and the resize's row and weight tables.
   */
  static final long LETTERBOX_BYTES =
      2L * LetterboxGeometry.IMAGE_SIZE * LetterboxGeometry.IMAGE_SIZE * 3 + (64 << 10);

  private static final int[] RGB_ORDER = {0, 1, 2};

  static {
    ImageIO.setUseCache(false); // decode from memory, never via temporary files
  }

  /** The colour model PIL would give the file, which decides conversion and rotation. */
  private enum Mode {
    RGB,
    RGBA,
    GREY
  }

  /** The letterbox rectangle for an image of a given size. */
  @FunctionalInterface
  public interface GeometryOf {
    LetterboxGeometry of(int width, int height);
  }

  /** A decoded image letterboxed, and the geometry that maps it back to the photo. */
  public record Letterboxed(LetterboxGeometry geometry, RgbImage image) {}

  /**
   * {@code Letterbox.apply(decode(content), geometry)}, pixel for pixel, with the geometry {@code
   * geometryOf} gives for the decoded size. Sequential colour JPEGs that keep their orientation
   * (nearly every camera-trap photo) are letterboxed line by line as the decoder produces them
   * ({@link ScanlineRaster}), so the full-size image is never held; every other file, and any JPEG
   * the streamed decode does not finish, takes the plain path, which also reports the errors.
   */
  public Letterboxed decodeLetterboxed(byte[] content, GeometryOf geometryOf)
      throws ImageAccessException {
    Letterboxed streamed = streamedLetterbox(content, geometryOf);
    if (streamed != null) {
      return streamed;
    }
    RgbImage image = decode(content);
    LetterboxGeometry geometry = geometryOf.of(image.width(), image.height());
    return new Letterboxed(geometry, Letterbox.apply(image, geometry));
  }

  /**
   * Null where the file is not a sequential colour JPEG kept upright, or the streamed decode fails.
   */
  static Letterboxed streamedLetterbox(byte[] content, GeometryOf geometryOf) {
    if (!JpegHeader.matches(content)) {
      return null;
    }
    try {
      JpegHeader header = JpegHeader.parse(content);
      checkSize(header.width(), header.height());
      if (jpegMode(header.components()) != Mode.RGB || Orientation.rotates(header.orientation())) {
        return null;
      }
      LetterboxGeometry geometry = geometryOf.of(header.width(), header.height());
      Letterbox.Rows rows = Letterbox.rows(geometry);
      read(
          content,
          (reader, width, height) ->
              width == geometry.width() && height == geometry.height()
                  ? RgbDestination.streaming(reader, width, height, rows::accept)
                  : null,
          true);
      return rows.complete() ? new Letterboxed(geometry, rows.image()) : null;
    } catch (ImageAccessException | RuntimeException e) {
      return null; // decode() gives the canonical result, or the error, for this file
    }
  }

  public RgbImage decode(byte[] content) throws ImageAccessException {
    if (content.length == 0) {
      throw new ImageAccessException("empty file");
    }
    Mode mode;
    boolean mayRotate;
    boolean rgbJpeg = false;
    int orientation = ExifOrientation.NONE;
    if (JpegHeader.matches(content)) {
      JpegHeader header = JpegHeader.parse(content);
      checkSize(header.width(), header.height());
      mode = jpegMode(header.components());
      orientation = header.orientation();
      mayRotate = mode == Mode.RGB;
      rgbJpeg = mode == Mode.RGB;
    } else if (PngHeader.matches(content)) {
      PngHeader header = PngHeader.parse(content);
      checkSize(header.width(), header.height());
      mode = pngMode(header);
      orientation = header.orientation();
      mayRotate = mode == Mode.RGB;
    } else {
      mode = null; // TIFF, BMP, GIF: from the decoded colour model; never rotated
      mayRotate = false;
    }
    BufferedImage image =
        read(content, rgbJpeg ? RgbDestination::forReader : (reader, width, height) -> null, false);
    if (mode == null) {
      mode = modeOf(image.getColorModel());
    }
    RgbImage rgb = toRgb(image, mode);
    return mayRotate ? Orientation.apply(rgb, orientation) : rgb;
  }

  /**
   * The most heap that decoding and letterboxing {@code content} holds at once, read from the
   * header before any pixel is decoded: the file's bytes, the decoder's raster, the R, G, B copy of
   * it when the raster has another layout, the rotated copy for EXIF orientations 3, 6 and 8, and
   * the letterbox ({@link #LETTERBOX_BYTES}). The model input is a direct buffer, outside the heap.
   *
   * <p>Per pixel, as measured by decoding 24 MP images under the smallest heap that works (G1, JDK
   * 17; the rest was G1's own free reserve): colour JPEG 3 (decoded straight into the R, G, B
   * array, see {@link RgbDestination}); greyscale JPEG 4 (1 + the copy); PNG the raster (channels ×
   * 1 or 2 bytes: 3, 4, 6, 8; 1 for greyscale) + the copy (3: the JDK gives 8-bit RGB in B, G, R
   * order); TIFF, BMP and GIF twice the reader's raster + the copy (TIFF's 16-bit decode held about
   * 12 bytes per pixel for a 6-byte raster; BMP and 8-bit TIFF about 6.4 for 3).
   *
   * <p>A file that {@link #decode} refuses from its header (not an image, a decompression bomb, an
   * unsupported mode) gets the estimate of its bytes alone: decode refuses it before allocating any
   * pixel, with the same message as ever.
   */
  public long peakBytes(byte[] content) {
    long pixelBytes;
    try {
      pixelBytes = pixelBytes(content);
    } catch (ImageAccessException | IOException | RuntimeException e) {
      pixelBytes = 0; // decode() reports the problem as it always has
    }
    return content.length + pixelBytes + LETTERBOX_BYTES;
  }

  private static long pixelBytes(byte[] content) throws ImageAccessException, IOException {
    if (content.length == 0) {
      return 0;
    }
    if (JpegHeader.matches(content)) {
      JpegHeader header = JpegHeader.parse(content);
      checkSize(header.width(), header.height());
      long pixels = (long) header.width() * header.height();
      return switch (jpegMode(header.components())) {
        case RGB -> pixels * (Orientation.rotates(header.orientation()) ? 6 : 3);
        case GREY -> pixels * 4;
        case RGBA -> throw new AssertionError("JPEG has no alpha mode");
      };
    }
    if (PngHeader.matches(content)) {
      PngHeader header = PngHeader.parse(content);
      checkSize(header.width(), header.height());
      Mode mode = pngMode(header);
      int channels =
          switch (mode) {
            case RGB -> 3;
            case RGBA -> 4;
            case GREY -> 1;
          };
      long raster = (long) channels * (header.bitDepth() > 8 ? 2 : 1);
      boolean rotated = mode == Mode.RGB && Orientation.rotates(header.orientation());
      return (long) header.width() * header.height() * (raster + 3 + (rotated ? 3 : 0));
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return 0;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        checkSize(width, height);
        return (long) width * height * (2L * rasterBytesPerPixel(reader) + 3);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Bytes per pixel of the image the reader decodes into by default (the first type it offers). */
  private static int rasterBytesPerPixel(ImageReader reader) {
    try {
      Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
      if (types != null && types.hasNext()) {
        SampleModel model = types.next().getSampleModel();
        int bits = model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType());
        return (bits + 7) / 8;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: decode() may still read it
    }
    return 8; // 4 channels of 16 bits, the most the JDK's readers give
  }

  private static Mode jpegMode(int components) throws ImageAccessException {
    return switch (components) {
      case 1 -> Mode.GREY;
      case 3 -> Mode.RGB;
      case 4 -> throw new ImageAccessException("unsupported mode CMYK");
      default -> throw new ImageAccessException("JPEG with " + components + " components");
    };
  }

  private static Mode pngMode(PngHeader header) throws ImageAccessException {
    return switch (header.colourType()) {
      case PngHeader.RGB -> Mode.RGB;
      case PngHeader.RGBA -> Mode.RGBA;
      case PngHeader.GREY -> {
        if (header.bitDepth() == 1) {
          throw new ImageAccessException("unsupported mode 1 (1-bit)");
        }
        if (header.bitDepth() == 16) {
          throw new ImageAccessException("unsupported mode I (16-bit greyscale)");
        }
        yield Mode.GREY;
      }
      case PngHeader.PALETTE -> throw new ImageAccessException("unsupported mode P (palette)");
      case PngHeader.GREY_ALPHA -> throw new ImageAccessException("unsupported mode LA");
      default -> throw new ImageAccessException("PNG colour type " + header.colourType());
    };
  }

  private static Mode modeOf(ColorModel model) throws ImageAccessException {
    if (model instanceof IndexColorModel) {
      throw new ImageAccessException("unsupported mode P (palette)");
    }
    if (model.isAlphaPremultiplied()) {
      throw new ImageAccessException("unsupported mode (premultiplied alpha)");
    }
    int space = model.getColorSpace().getType();
    if (space == ColorSpace.TYPE_RGB) {
      return model.hasAlpha() ? Mode.RGBA : Mode.RGB;
    }
    if (space == ColorSpace.TYPE_GRAY && !model.hasAlpha()) {
      if (model.getComponentSize(0) == 1) {
        throw new ImageAccessException("unsupported mode 1 (1-bit)");
      }
      if (model.getComponentSize(0) > 8) {
        throw new ImageAccessException("unsupported mode I (16-bit greyscale)");
      }
      return Mode.GREY;
    }
    throw new ImageAccessException("unsupported colour model " + model);
  }

  private static void checkSize(long width, long height) throws ImageAccessException {
    if (width * height > MAX_PIXELS) {
      throw new ImageAccessException(
          "image of "
              + width
              + "x"
              + height
              + " pixels exceeds the limit of "
              + MAX_PIXELS
              + " pixels (decompression bomb)");
    }
  }

  /** The image to decode into; null for the reader's default. */
  @FunctionalInterface
  private interface Destination {
    BufferedImage of(ImageReader reader, int width, int height) throws IOException;
  }

  /**
   * @param destination the image to decode into (colour JPEGs: an R, G, B one, see {@link
   *     RgbDestination})
   * @param required refuse to decode when {@code destination} gives none
   */
  private static BufferedImage read(byte[] content, Destination destination, boolean required)
      throws ImageAccessException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageAccessException("not a supported image format");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        checkSize(width, height);
        ImageReadParam param = reader.getDefaultReadParam();
        BufferedImage into = destination.of(reader, width, height);
        if (into == null && required) {
          throw new ImageAccessException("no destination for this image");
        }
        param.setDestination(into);
        BufferedImage image = reader.read(0, param);
        if (image == null) {
          throw new ImageAccessException("no image in file");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new ImageAccessException("cannot decode image: " + e.getMessage(), e);
    }
  }

  private static RgbImage toRgb(BufferedImage image, Mode mode) {
    int width = image.getWidth();
    int height = image.getHeight();
    Raster raster = image.getRaster();
    if (mode != Mode.GREY) {
      byte[] rgb = rgbArray(raster);
      if (rgb != null) {
        return new RgbImage(width, height, rgb); // the decoder's own array, no copy
      }
    }
    byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
    if (!copyInterleavedBytes(raster, mode, out)) {
      copySamples(image, raster, mode, out);
    }
    return new RgbImage(width, height, out);
  }

  /**
   * The raster's array when it already is exactly the {@link RgbImage} layout (8-bit R, G, B
   * interleaved, rows packed, nothing before or after): colour JPEGs decoded into an {@link
   * RgbDestination}, 8-bit RGB TIFFs (8-bit RGB PNGs come in B, G, R order). Else null.
   */
  private static byte[] rgbArray(Raster raster) {
    if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
        || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || buffer.getNumBanks() != 1
        || buffer.getOffset() != 0
        || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0
        || model.getNumBands() != 3
        || model.getPixelStride() != 3
        || model.getScanlineStride() != raster.getWidth() * 3
        || !Arrays.equals(model.getBandOffsets(), RGB_ORDER)) {
      return null;
    }
    for (int b = 0; b < 3; b++) {
      if (model.getSampleSize(b) != 8) {
        return null;
      }
    }
    byte[] data = buffer.getData();
    return data.length == raster.getWidth() * raster.getHeight() * 3 ? data : null;
  }

  /** Other 8-bit interleaved rasters: greyscale, B, G, R order, alpha, padded rows. */
  private static boolean copyInterleavedBytes(Raster raster, Mode mode, byte[] out) {
    if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
        || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || buffer.getNumBanks() != 1
        || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0) {
      return false;
    }
    int bands = mode == Mode.GREY ? 1 : 3;
    if (model.getNumBands() < bands) {
      return false;
    }
    for (int b = 0; b < bands; b++) {
      if (model.getSampleSize(b) != 8) {
        return false;
      }
    }
    byte[] data = buffer.getData();
    int[] offsets = model.getBandOffsets();
    int pixelStride = model.getPixelStride();
    int scanline = model.getScanlineStride();
    int width = raster.getWidth();
    int height = raster.getHeight();
    int o = 0;
    for (int y = 0; y < height; y++) {
      int row = buffer.getOffset() + y * scanline;
      for (int x = 0; x < width; x++) {
        int p = row + x * pixelStride;
        if (bands == 1) {
          byte grey = data[p + offsets[0]];
          out[o] = grey;
          out[o + 1] = grey;
          out[o + 2] = grey;
        } else {
          out[o] = data[p + offsets[0]];
          out[o + 1] = data[p + offsets[1]];
          out[o + 2] = data[p + offsets[2]];
        }
        o += 3;
      }
    }
    return true;
  }

  /** Any other raster: samples per band, scaled to 8 bits as PIL unpacks them. */
  private static void copySamples(BufferedImage image, Raster raster, Mode mode, byte[] out) {
    ColorModel model = image.getColorModel();
    int width = raster.getWidth();
    int height = raster.getHeight();
    int bands = mode == Mode.GREY ? 1 : 3;
    int[][] row = new int[bands][width];
    int o = 0;
    for (int y = 0; y < height; y++) {
      for (int b = 0; b < bands; b++) {
        raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, b, row[b]);
        scaleTo8Bits(row[b], model.getComponentSize(b));
      }
      for (int x = 0; x < width; x++) {
        if (bands == 1) {
          byte grey = (byte) row[0][x];
          out[o] = grey;
          out[o + 1] = grey;
          out[o + 2] = grey;
        } else {
          out[o] = (byte) row[0][x];
          out[o + 1] = (byte) row[1][x];
          out[o + 2] = (byte) row[2][x];
        }
        o += 3;
      }
    }
  }

  private static void scaleTo8Bits(int[] samples, int bits) {
    if (bits == 8) {
      return;
    }
    for (int i = 0; i < samples.length; i++) {
      samples[i] = bits > 8 ? samples[i] >> (bits - 8) : samples[i] * 255 / ((1 << bits) - 1);
    }
  }
}
