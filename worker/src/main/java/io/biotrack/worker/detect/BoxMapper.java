package io.biotrack.worker.detect;

import io.biotrack.results.Detection;
import io.biotrack.results.DetectionCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps NMS output back onto the original (EXIF-rotated) image and writes MegaDetector detections,
 * exactly as classic mode does (spec §5–6).
 *
 * <p>float32 where MegaDetector uses tensors (pad subtraction, division by the gain, clip,
 * half-even rounding to whole pixels, centre/size, normalisation), double where it uses Python
 * floats (corner conversion, truncation). Confidences are truncated to 3 decimals and box values to
 * 4, never rounded.
 */
public final class BoxMapper {
  private BoxMapper() {}

  /**
   * @param kept NMS output, confidence descending
   * @return detections ordered as MegaDetector writes them: ascending raw confidence, then
   *     stable-sorted descending by truncated confidence
   * @throws IllegalArgumentException for a class index MegaDetector has no category for (it becomes
   *     an inference failure)
   */
  public static List<Detection> toDetections(
      List<Candidate> kept, LetterboxGeometry geometry, float threshold) {
    return toDetections(kept, geometry, threshold, BoxScaling.YOLOV5);
  }

  /**
   * As {@link #toDetections(List, LetterboxGeometry, float)}, with the padding of the YOLO library
   * whose {@code scale_boxes} MegaDetector uses for the model.
   */
  public static List<Detection> toDetections(
      List<Candidate> kept, LetterboxGeometry geometry, float threshold, BoxScaling scaling) {
    float gain = (float) geometry.gain();
    boolean rounded = scaling == BoxScaling.ULTRALYTICS;
    float padX = (float) (rounded ? geometry.roundedPadX() : geometry.padX());
    float padY = (float) (rounded ? geometry.roundedPadY() : geometry.padY());
    float w0 = geometry.width();
    float h0 = geometry.height();
    List<Detection> out = new ArrayList<>(kept.size());
    for (int i = kept.size() - 1; i >= 0; i--) { // MegaDetector iterates reversed(det)
      Candidate c = kept.get(i);
      if (c.conf() < threshold) {
        continue;
      }
      float x1 = pixel((c.x1() - padX) / gain, w0);
      float y1 = pixel((c.y1() - padY) / gain, h0);
      float x2 = pixel((c.x2() - padX) / gain, w0);
      float y2 = pixel((c.y2() - padY) / gain, h0);
      double cx = ((x1 + x2) / 2) / w0;
      double cy = ((y1 + y2) / 2) / h0;
      double w = (x2 - x1) / w0;
      double h = (y2 - y1) / h0;
      List<Double> bbox =
          List.of(truncate(cx - w / 2, 4), truncate(cy - h / 2, 4), truncate(w, 4), truncate(h, 4));
      String category = DetectionCategory.ofClassIndex(c.classIndex()).id();
      out.add(new Detection(category, truncate(c.conf(), 3), bbox));
    }
    out.sort(Comparator.comparingDouble(Detection::conf).reversed()); // List.sort is stable
    return out;
  }

  /** Clip to [0, limit], then round half-even to a whole pixel (torch's clamp_ and round). */
  private static float pixel(float value, float limit) {
    float clipped = Math.min(Math.max(value, 0f), limit);
    return (float) Math.rint(clipped);
  }

  /** {@code ct_utils.truncate_float}: floor to {@code digits} decimals, in double. */
  public static double truncate(double value, int digits) {
    double factor = Math.pow(10, digits);
    return Math.floor(value * factor) / factor;
  }
}
