package io.biotrack.worker.detect;

import java.util.Arrays;

/** Resizes (OpenCV bilinear) and pads (grey 114) an image into the model's input rectangle. */
public final class Letterbox {
  /** YOLOv5's letterbox colour, (114, 114, 114). */
  public static final byte PAD = (byte) 114;

  private Letterbox() {}

  public static RgbImage apply(RgbImage image, LetterboxGeometry geometry) {
    if (image.width() != geometry.width() || image.height() != geometry.height()) {
      throw new IllegalArgumentException("geometry is for another image size");
    }
    if (!geometry.needsResize()
        && geometry.tensorWidth() == image.width()
        && geometry.tensorHeight() == image.height()) {
      return image;
    }
    Rows rows = rows(geometry);
    int rowBytes = image.width() * 3;
    for (int y = 0; y < image.height(); y++) {
      rows.accept(image.pixels(), y * rowBytes);
    }
    return rows.image();
  }

  /**
   * The letterbox fed one source row at a time, top to bottom, as a decoder produces them (see
   * {@link LinearResize#rows}): the same pixels as {@link #apply}, without the source image.
   */
  public static Rows rows(LetterboxGeometry geometry) {
    return new Rows(geometry);
  }

  /** A letterbox in progress; not thread-safe. */
  public static final class Rows {
    private final LetterboxGeometry geometry;
    private final byte[] out;
    private final LinearResize.Rows resize;

    private Rows(LetterboxGeometry geometry) {
      this.geometry = geometry;
      int width = geometry.tensorWidth();
      int height = geometry.tensorHeight();
      int stride = width * 3;
      out = new byte[stride * height];
      // The resize writes straight into the padded image; only the border is filled.
      int top = geometry.top();
      int rows = geometry.resizedHeight();
      int left = geometry.left() * 3;
      int right = geometry.right() * 3;
      Arrays.fill(out, 0, top * stride, PAD);
      Arrays.fill(out, (top + rows) * stride, out.length, PAD);
      for (int y = top; y < top + rows; y++) {
        Arrays.fill(out, y * stride, y * stride + left, PAD);
        Arrays.fill(out, (y + 1) * stride - right, (y + 1) * stride, PAD);
      }
      resize =
          LinearResize.rows(
              geometry.width(),
              geometry.height(),
              geometry.resizedWidth(),
              rows,
              out,
              top * stride + left,
              stride);
    }

    /** The source image's width and height, which the rows must have. */
    public LetterboxGeometry geometry() {
      return geometry;
    }

    /** The next source row: {@code 3·width} bytes of {@code pixels} from {@code start}. */
    public void accept(byte[] pixels, int start) {
      resize.accept(pixels, start);
    }

    public boolean complete() {
      return resize.complete();
    }

    /** The letterboxed image, once every source row has arrived. */
    public RgbImage image() {
      if (!complete()) {
        throw new IllegalStateException("the letterbox is missing source rows");
      }
      return new RgbImage(geometry.tensorWidth(), geometry.tensorHeight(), out);
    }
  }
}
