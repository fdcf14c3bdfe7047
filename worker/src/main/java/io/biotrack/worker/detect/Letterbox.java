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
    RgbImage resized =
        geometry.needsResize()
            ? LinearResize.resize(image, geometry.resizedWidth(), geometry.resizedHeight())
            : image;
    int width = geometry.tensorWidth();
    int height = geometry.tensorHeight();
    if (width == resized.width() && height == resized.height()) {
      return resized;
    }
    byte[] out = new byte[width * height * 3];
    Arrays.fill(out, PAD);
    int rowBytes = resized.width() * 3;
    for (int y = 0; y < resized.height(); y++) {
      System.arraycopy(
          resized.pixels(),
          y * rowBytes,
          out,
          ((y + geometry.top()) * width + geometry.left()) * 3,
          rowBytes);
    }
    return new RgbImage(width, height, out);
  }
}
