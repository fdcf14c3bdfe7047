package io.biotrack.worker.detect;

/**
 * Where an image of {@code width×height} lands in the model input: YOLOv5's {@code letterbox(img,
 * new_shape=1280, stride=64, auto=True, scaleup=True)} as MegaDetector's classic mode calls it.
 *
 * @param resizedWidth {@code round(width·r)}, half-even
 * @param top rows of padding above; bottom, left, right likewise
 */
public record LetterboxGeometry(
    int width,
    int height,
    int resizedWidth,
    int resizedHeight,
    int top,
    int bottom,
    int left,
    int right) {

  public static final int IMAGE_SIZE = 1280;
  public static final int STRIDE = 64;

  /** The letterbox of an image of this size for MDv5 (spec §2.2, steps 1–5): 1280, stride 64. */
  public static LetterboxGeometry of(int width, int height) {
    return of(width, height, IMAGE_SIZE, STRIDE);
  }

  /**
   * The same letterbox at another model size: MegaDetector reads {@code image_size} from the
   * checkpoint's metadata and uses stride 64 only for 1280, else 32 (MDv1000-cedar and -larch 640,
   * -sorrel 960). YOLOv9's {@code letterbox} and ultralytics' {@code LetterBox}, which MegaDetector
   * calls for those, compute the same geometry as YOLOv5's.
   */
  public static LetterboxGeometry of(int width, int height, int imageSize, int stride) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty image " + width + "x" + height);
    }
    if (imageSize <= 0 || stride <= 0) {
      throw new IllegalArgumentException("model size " + imageSize + ", stride " + stride);
    }
    double r = Math.min((double) imageSize / height, (double) imageSize / width);
    // Python's round() is half-even: Math.rint, not Math.round (2560x1441 → 720, not 721).
    int newWidth = (int) Math.rint(width * r);
    int newHeight = (int) Math.rint(height * r);
    double dw = Math.floorMod(imageSize - newWidth, stride) / 2.0;
    double dh = Math.floorMod(imageSize - newHeight, stride) / 2.0;
    return new LetterboxGeometry(
        width,
        height,
        newWidth,
        newHeight,
        (int) Math.rint(dh - 0.1),
        (int) Math.rint(dh + 0.1),
        (int) Math.rint(dw - 0.1),
        (int) Math.rint(dw + 0.1));
  }

  public int tensorWidth() {
    return left + resizedWidth + right;
  }

  public int tensorHeight() {
    return top + resizedHeight + bottom;
  }

  public boolean needsResize() {
    return resizedWidth != width || resizedHeight != height;
  }

  /**
   * The back-mapping gain of YOLOv5's {@code scale_coords} without {@code ratio_pad}: recomputed
   * from the shapes, not the letterbox ratio (they differ for e.g. 4000×3001).
   */
  public double gain() {
    return Math.min((double) tensorHeight() / height, (double) tensorWidth() / width);
  }

  /** Continuous horizontal padding used when mapping back ({@code (W' − w·gain) / 2}). */
  public double padX() {
    return (tensorWidth() - width * gain()) / 2;
  }

  /** Continuous vertical padding used when mapping back ({@code (H' − h·gain) / 2}). */
  public double padY() {
    return (tensorHeight() - height * gain()) / 2;
  }

  /**
   * The whole-pixel horizontal padding of ultralytics' {@code scale_boxes}: {@code round((W' −
   * w·gain) / 2 − 0.1)}, Python's half-even round; it equals {@link #left()} where YOLOv5's
   * continuous {@link #padX()} may be half a pixel off.
   */
  public double roundedPadX() {
    return Math.rint(padX() - 0.1);
  }

  /**
   * The whole-pixel vertical padding of ultralytics' {@code scale_boxes}, as {@link
   * #roundedPadX()}.
   */
  public double roundedPadY() {
    return Math.rint(padY() - 0.1);
  }
}
