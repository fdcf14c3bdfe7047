package io.biotrack.worker.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an anchor-free YOLOv8/v9/11 output ({@code [4 + classes, N]}, row-major: all {@code cx},
 * then all {@code cy}, {@code w}, {@code h}, then one row of scores per class; boxes already in
 * input pixels, no objectness) into candidates, as the first steps of ultralytics' and YOLOv9's
 * {@code non_max_suppression(multi_label=False)} do: an anchor is a candidate when its highest
 * class score is {@code > threshold}; it keeps that best class (the first on ties, as {@code
 * cls.max(1)}) with the score as its confidence; its box is {@code xywh2xyxy} in float32.
 *
 * <p>Hand-written rather than taken from a library: the worker runs no Python, and the values must
 * be the ones that library computes (see docs/models.md, "The MDv1000 family").
 */
public final class AnchorFreeOutputDecoder {
  private AnchorFreeOutputDecoder() {}

  /**
   * @param values the model output without its batch dimension, {@code [rows, anchors]}
   * @param rows {@code 4 + classes}
   */
  public static List<Candidate> candidates(float[] values, int rows, float threshold) {
    if (rows < 5 || values.length % rows != 0) {
      throw new IllegalArgumentException(
          "model output is not [4 + classes, N]: " + values.length + " values, " + rows + " rows");
    }
    int anchors = values.length / rows;
    int classes = rows - 4;
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < anchors; i++) {
      int best = 0;
      float bestScore = values[4 * anchors + i];
      for (int c = 1; c < classes; c++) {
        float score = values[(4 + c) * anchors + i];
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      if (!(bestScore > threshold)) {
        continue;
      }
      float cx = values[i];
      float cy = values[anchors + i];
      float halfW = values[2 * anchors + i] / 2;
      float halfH = values[3 * anchors + i] / 2;
      out.add(new Candidate(cx - halfW, cy - halfH, cx + halfW, cy + halfH, bestScore, best, i));
    }
    return out;
  }
}
