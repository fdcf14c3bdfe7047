package io.biotrack.worker.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The class-aware NMS of ultralytics' and YOLOv9's {@code non_max_suppression} (what MegaDetector
 * calls for MDv1000-cedar, -larch and -sorrel): the candidates sorted by confidence, descending,
 * and cut to {@code max_nms = 30000}; every box shifted by {@code class × 7680} pixels in float32
 * (so boxes of different classes never overlap), then one greedy {@code torchvision.ops.nms} over
 * all of them: a box is suppressed when its IoU with a kept box is {@code > iou} (strict), areas
 * and IoU computed in float32 on the shifted boxes, as torchvision does; the kept boxes
 * (unshifted), confidence descending, cut to {@code max_det = 300}.
 *
 * <p>Unlike MegaDetector's own {@link Nms} (one NMS per class), the shift changes float32 rounding
 * of the IoU, which is why this is a class of its own.
 */
public final class ClassOffsetNms {
  /** {@code max_wh} of both libraries. */
  static final float CLASS_OFFSET = 7680f;

  /** {@code max_nms} of both libraries. */
  static final int MAX_NMS = 30000;

  private ClassOffsetNms() {}

  /** With MegaDetector's classic-mode settings: IoU 0.45, at most 300 boxes. */
  public static List<Candidate> apply(List<Candidate> candidates) {
    return apply(candidates, Nms.IOU_THRESHOLD, Nms.MAX_DETECTIONS);
  }

  public static List<Candidate> apply(List<Candidate> candidates, float iouThreshold, int maxDet) {
    List<Candidate> order = new ArrayList<>(candidates);
    order.sort(Nms.BY_CONF_DESCENDING); // equal confidences in output-row order, repeatable
    if (order.size() > MAX_NMS) {
      order = new ArrayList<>(order.subList(0, MAX_NMS));
    }
    int n = order.size();
    float[] x1 = new float[n];
    float[] y1 = new float[n];
    float[] x2 = new float[n];
    float[] y2 = new float[n];
    float[] area = new float[n];
    for (int i = 0; i < n; i++) {
      Candidate c = order.get(i);
      float offset = c.classIndex() * CLASS_OFFSET;
      x1[i] = c.x1() + offset;
      y1[i] = c.y1() + offset;
      x2[i] = c.x2() + offset;
      y2[i] = c.y2() + offset;
      area[i] = (x2[i] - x1[i]) * (y2[i] - y1[i]);
    }
    boolean[] suppressed = new boolean[n];
    List<Candidate> kept = new ArrayList<>();
    for (int i = 0; i < n && kept.size() < maxDet; i++) {
      if (suppressed[i]) {
        continue;
      }
      kept.add(order.get(i));
      for (int j = i + 1; j < n; j++) {
        if (suppressed[j]) {
          continue;
        }
        float w = Math.max(0f, Math.min(x2[i], x2[j]) - Math.max(x1[i], x1[j]));
        float h = Math.max(0f, Math.min(y2[i], y2[j]) - Math.max(y1[i], y1[j]));
        float inter = w * h;
        float iou = inter / (area[i] + area[j] - inter);
        if (iou > iouThreshold) {
          suppressed[j] = true;
        }
      }
    }
    return kept;
  }
}
