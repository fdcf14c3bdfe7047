package io.biotrack.worker;

import io.biotrack.results.Detection;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares two images' detections as sets, as the spec asks: every detection on one side pairs with
 * one on the other with the same category, |Δconf| ≤ 0.005 and IoU ≥ 0.99.
 */
public final class DetectionSets {
  public static final double MAX_CONF_DELTA = 0.005;
  public static final double MIN_IOU = 0.99;

  private DetectionSets() {}

  /**
   * @return what does not pair up, empty when the sets match
   */
  public static List<String> differences(List<Detection> expected, List<Detection> actual) {
    List<String> problems = new ArrayList<>();
    List<Detection> unmatched = new ArrayList<>(actual);
    for (Detection e : expected) {
      Detection best = null;
      double bestIou = -1;
      for (Detection a : unmatched) {
        double iou = iou(e.bbox(), a.bbox());
        if (a.category().equals(e.category())
            && Math.abs(a.conf() - e.conf()) <= MAX_CONF_DELTA + 1e-12
            && iou >= MIN_IOU
            && iou > bestIou) {
          best = a;
          bestIou = iou;
        }
      }
      if (best == null) {
        problems.add("expected " + e + " not found");
      } else {
        unmatched.remove(best);
      }
    }
    unmatched.forEach(a -> problems.add("unexpected " + a));
    return problems;
  }

  /** IoU of two {@code [x, y, w, h]} boxes. */
  public static double iou(List<Double> a, List<Double> b) {
    double ix =
        Math.max(
            0, Math.min(a.get(0) + a.get(2), b.get(0) + b.get(2)) - Math.max(a.get(0), b.get(0)));
    double iy =
        Math.max(
            0, Math.min(a.get(1) + a.get(3), b.get(1) + b.get(3)) - Math.max(a.get(1), b.get(1)));
    double inter = ix * iy;
    double union = a.get(2) * a.get(3) + b.get(2) * b.get(3) - inter;
    return union <= 0 ? (a.equals(b) ? 1 : 0) : inter / union;
  }
}
