package io.biotrack.model;

/**
 * How a detector's TorchScript output is laid out, which decides how it is decoded (MegaDetector's
 * {@code pytorch_detector.py} picks its own {@code nms()} for the first and the YOLO library's
 * {@code non_max_suppression()} for the second).
 */
public enum OutputLayout {
  /**
   * YOLOv5 (MDv5, MDv1000-redwood and -spruce): {@code [1, N, 5 + classes]} rows of {@code cx, cy,
   * w, h, objectness, p_0 … p_k}; confidence is objectness × class probability.
   */
  YOLOV5,
  /**
   * YOLOv8/v9/11 heads (MDv1000-cedar, -larch, -sorrel): {@code [1, 4 + classes, N]}, anchor-free,
   * no objectness; confidence is the class score itself.
   */
  ANCHOR_FREE;

  /** The columns (YOLOv5) or rows (anchor-free) a 3-class MegaDetector output has. */
  public int valuesPerBox(int classes) {
    return this == YOLOV5 ? 5 + classes : 4 + classes;
  }
}
