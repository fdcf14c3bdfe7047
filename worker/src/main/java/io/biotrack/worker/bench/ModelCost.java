package io.biotrack.worker.bench;

import java.util.Map;

/**
 * GFLOPs of one forward pass of the models the bench knows, at 1280×1280 (FLOPs = 2 ×
 * multiply-accumulates); a fully convolutional network's cost scales with the input's pixels.
 */
final class ModelCost {
  /** File name prefix → GFLOPs at 1280×1280. */
  private static final Map<String, Double> KNOWN =
      Map.of(
          // worker/scripts/make_bench_model.py counts it (docs/models.md)
          "biotrack-bench-md", 832.0,
          // YOLOv5x6: 209.8 GFLOPs at 640×640 (YOLOv5's table), ×4 at 1280×1280
          "md_v5a", 839.2,
          "md_v5b", 839.2,
          // worker/scripts/make_test_model.py
          "biotrack-test-md", 2.65);

  private ModelCost() {}

  /** GFLOPs at 1280×1280 of the model file {@code name}; NaN when unknown. */
  static double gflopsAt1280(String name) {
    return KNOWN.entrySet().stream()
        .filter(e -> name.startsWith(e.getKey()))
        .mapToDouble(Map.Entry::getValue)
        .findFirst()
        .orElse(Double.NaN);
  }

  /** GFLOPs of one forward of a {@code width×height} input. */
  static double gflops(double gflopsAt1280, int width, int height) {
    return gflopsAt1280 * width * height / (1280.0 * 1280.0);
  }
}
