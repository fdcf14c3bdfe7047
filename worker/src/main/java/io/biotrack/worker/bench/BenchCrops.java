package io.biotrack.worker.bench;

import io.biotrack.results.Detection;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.ImageResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The detections the classification bench hands the species stage: a fixed number of animal boxes
 * per photo instead of the benchmark detector's own. Its random weights give a number of detections
 * at or above 0.1 that says nothing about the field, and the classifier's cost is per crop, so the
 * bench makes that number explicit (docs/performance.md says which number is realistic). Each box
 * is confident (0.9, so the stage classifies it and no other crop), a quarter of the width and a
 * third of the height of the photo (a typical animal box), and the boxes are spread over the photo
 * so each crop reads different pixels.
 */
final class BenchCrops {
  static final double CONF = 0.9;

  private BenchCrops() {}

  /** The same result with {@code crops} boxes as its detections; a failure is left as it is. */
  static ImageResult replace(ImageResult detected, int crops) {
    if (detected.failed()) {
      return detected;
    }
    return ImageResult.success(detected.file(), boxes(crops));
  }

  static List<Detection> boxes(int crops) {
    List<Detection> out = new ArrayList<>(crops);
    for (int i = 0; i < crops; i++) {
      double x = 0.05 + 0.2 * (i % 4);
      double y = 0.1 + 0.25 * ((i / 4) % 3);
      out.add(new Detection(DetectionCategory.ANIMAL.id(), CONF, List.of(x, y, 0.25, 1.0 / 3)));
    }
    return out;
  }
}
