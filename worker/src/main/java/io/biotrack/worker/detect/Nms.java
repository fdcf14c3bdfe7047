package io.biotrack.worker.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MegaDetector's class-aware non-maximum suppression: per class, greedy in descending confidence, a
 * box is suppressed when its IoU with a kept box is {@code > 0.45} (strict; areas without "+1", all
 * in float32 as torchvision computes them); then all classes together sorted by confidence,
 * descending, and cut to {@code 300}.
 */
public final class Nms {
  public static final float IOU_THRESHOLD = 0.45f;
  public static final int MAX_DETECTIONS = 300;

  /** Descending confidence; equal confidences in output-row order, so runs are repeatable. */
  static final Comparator<Candidate> BY_CONF_DESCENDING =
      Comparator.comparing(Candidate::conf, Comparator.reverseOrder())
          .thenComparingInt(Candidate::row);

  private Nms() {}

  public static List<Candidate> apply(List<Candidate> candidates) {
    return apply(candidates, IOU_THRESHOLD, MAX_DETECTIONS);
  }

  public static List<Candidate> apply(List<Candidate> candidates, float iouThreshold, int maxDet) {
    Map<Integer, List<Candidate>> byClass = new TreeMap<>();
    for (Candidate c : candidates) {
      byClass.computeIfAbsent(c.classIndex(), k -> new ArrayList<>()).add(c);
    }
    List<Candidate> kept = new ArrayList<>();
    for (List<Candidate> group : byClass.values()) {
      kept.addAll(greedy(group, iouThreshold));
    }
    kept.sort(BY_CONF_DESCENDING);
    return kept.size() > maxDet ? List.copyOf(kept.subList(0, maxDet)) : kept;
  }

  private static List<Candidate> greedy(List<Candidate> group, float iouThreshold) {
    List<Candidate> order = new ArrayList<>(group);
    order.sort(BY_CONF_DESCENDING);
    int n = order.size();
    float[] x1 = new float[n];
    float[] y1 = new float[n];
    float[] x2 = new float[n];
    float[] y2 = new float[n];
    float[] area = new float[n];
    for (int i = 0; i < n; i++) {
      Candidate c = order.get(i);
      x1[i] = c.x1();
      y1[i] = c.y1();
      x2[i] = c.x2();
      y2[i] = c.y2();
      area[i] = c.area();
    }
    boolean[] suppressed = new boolean[n];
    List<Candidate> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
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
