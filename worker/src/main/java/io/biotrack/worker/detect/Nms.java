package io.biotrack.worker.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two class-aware non-maximum suppressions MegaDetector runs, both on one greedy kernel that
 * computes what {@code torchvision.ops.nms} computes: boxes in descending confidence, a box is
 * suppressed when its IoU with a kept box is {@code > iou} (strict; areas without "+1", all in
 * float32).
 *
 * <p>Which one applies is decided in MegaDetector's {@code PTDetector._process_batch_group} ({@code
 * megadetector/detection/pytorch_detector.py}): {@code use_library_nms} is true only for the {@code
 * ultralytics} and {@code yolov9} model types.
 *
 * <ul>
 *   <li>{@link #perClass}: MegaDetector's own {@code nms()} in that file, for YOLOv5 (MDv5,
 *       MDv1000-redwood, -spruce): one {@code torchvision.ops.nms} per class on the boxes as they
 *       are; then all classes together sorted by confidence, descending, cut to {@code max_det}. No
 *       {@code max_nms} cut.
 *   <li>{@link #classOffset}: the library's {@code non_max_suppression} (ultralytics' and YOLOv9's,
 *       {@code agnostic=False}), for MDv1000-cedar, -larch and -sorrel: the candidates sorted by
 *       confidence, descending, and cut to {@code max_nms = 30000}; every box shifted by {@code
 *       class × max_wh} ({@code 7680}) pixels in float32 so boxes of different classes never
 *       overlap, then one {@code torchvision.ops.nms} over all of them on the shifted boxes; the
 *       kept boxes (unshifted), cut to {@code max_det}.
 * </ul>
 *
 * <p>They differ only where the shift changes float32 rounding of the IoU (a box far from the
 * origin has coarser float32 steps) and in the {@code max_nms} cut, which is why both exist.
 */
public final class Nms {
  /** MegaDetector's IoU threshold in its default "classic" compatibility mode. */
  public static final float IOU_THRESHOLD = 0.45f;

  /** {@code max_det} of MegaDetector's {@code nms()} and of both libraries. */
  public static final int MAX_DETECTIONS = 300;

  /** {@code max_wh} of ultralytics' and YOLOv9's {@code non_max_suppression}. */
  static final float CLASS_OFFSET = 7680f;

  /** {@code max_nms} of ultralytics' and YOLOv9's {@code non_max_suppression}. */
  static final int MAX_NMS = 30000;

  /** Descending confidence; equal confidences in output-row order, so runs are repeatable. */
  static final Comparator<Candidate> BY_CONF_DESCENDING =
      Comparator.comparing(Candidate::conf, Comparator.reverseOrder())
          .thenComparingInt(Candidate::row);

  private Nms() {}

  /** MegaDetector's own {@code nms()} (YOLOv5 models) with its classic settings. */
  public static List<Candidate> perClass(List<Candidate> candidates) {
    return perClass(candidates, IOU_THRESHOLD, MAX_DETECTIONS);
  }

  public static List<Candidate> perClass(
      List<Candidate> candidates, float iouThreshold, int maxDet) {
    Map<Integer, List<Candidate>> byClass = new TreeMap<>();
    for (Candidate c : candidates) {
      byClass.computeIfAbsent(c.classIndex(), k -> new ArrayList<>()).add(c);
    }
    List<Candidate> kept = new ArrayList<>();
    for (List<Candidate> group : byClass.values()) {
      // Stopping a class at maxDet kept boxes changes nothing: its later boxes have at least maxDet
      // of their own class before them in the final order, so the cut below drops them anyway. A
      // random-weight model's tens of thousands of candidates made the uncapped loop cost a fifth
      // of a second per photo, outside the forward pass (bench: pipeline / forward 0.93).
      kept.addAll(greedy(sortedByConf(group), 0f, iouThreshold, maxDet));
    }
    kept.sort(BY_CONF_DESCENDING);
    return kept.size() > maxDet ? List.copyOf(kept.subList(0, maxDet)) : kept;
  }

  /**
   * The library {@code non_max_suppression} (YOLOv9 / YOLO11 models) with MegaDetector's classic
   * IoU.
   */
  public static List<Candidate> classOffset(List<Candidate> candidates) {
    return classOffset(candidates, IOU_THRESHOLD, MAX_DETECTIONS);
  }

  public static List<Candidate> classOffset(
      List<Candidate> candidates, float iouThreshold, int maxDet) {
    List<Candidate> order = sortedByConf(candidates);
    if (order.size() > MAX_NMS) {
      order = order.subList(0, MAX_NMS);
    }
    return greedy(order, CLASS_OFFSET, iouThreshold, maxDet);
  }

  private static List<Candidate> sortedByConf(List<Candidate> candidates) {
    List<Candidate> order = new ArrayList<>(candidates);
    order.sort(BY_CONF_DESCENDING);
    return order;
  }

  /**
   * {@code torchvision.ops.nms} over {@code order} (already in descending confidence), each box
   * shifted by {@code classOffset × class} before areas and IoU are taken; stops once {@code
   * maxKeep} boxes are kept (the later ones would be cut anyway).
   */
  private static List<Candidate> greedy(
      List<Candidate> order, float classOffset, float iouThreshold, int maxKeep) {
    int n = order.size();
    float[] x1 = new float[n];
    float[] y1 = new float[n];
    float[] x2 = new float[n];
    float[] y2 = new float[n];
    float[] area = new float[n];
    for (int i = 0; i < n; i++) {
      Candidate c = order.get(i);
      float offset = c.classIndex() * classOffset;
      x1[i] = c.x1() + offset;
      y1[i] = c.y1() + offset;
      x2[i] = c.x2() + offset;
      y2[i] = c.y2() + offset;
      area[i] = (x2[i] - x1[i]) * (y2[i] - y1[i]);
    }
    boolean[] suppressed = new boolean[n];
    List<Candidate> kept = new ArrayList<>();
    for (int i = 0; i < n && kept.size() < maxKeep; i++) {
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
