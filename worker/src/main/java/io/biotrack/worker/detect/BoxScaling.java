package io.biotrack.worker.detect;

/**
 * Which YOLO library's {@code scale_boxes} maps a model's boxes back onto the photo: MegaDetector
 * imports it from the library of the model's type ({@code pytorch_detector.py}).
 */
public enum BoxScaling {
  /**
   * YOLOv5's {@code scale_coords} and YOLOv9's {@code scale_boxes} (MDv5, MDv1000-redwood, -spruce
   * and -cedar): the continuous padding {@code (W' − w·gain) / 2}.
   */
  YOLOV5,
  /**
   * ultralytics' {@code scale_boxes} (MDv1000-larch, -sorrel): the padding rounded to whole pixels,
   * {@code round((W' − w·gain) / 2 − 0.1)}.
   */
  ULTRALYTICS
}
