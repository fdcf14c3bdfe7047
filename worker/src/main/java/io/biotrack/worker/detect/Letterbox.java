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
    int width = geometry.tensorWidth();
    int height = geometry.tensorHeight();
    if (!geometry.needsResize() && width == image.width() && height == image.height()) {
      return image;
    }
    int stride = width * 3;
    byte[] out = new byte[stride * height];
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
    LinearResize.resizeInto(image, geometry.resizedWidth(), rows, out, top * stride + left, stride);
    return new RgbImage(width, height, out);
  }
}
