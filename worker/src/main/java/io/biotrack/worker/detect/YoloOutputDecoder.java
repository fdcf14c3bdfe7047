package io.biotrack.worker.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the model's {@code [N, 5 + classes]} rows ({@code cx, cy, w, h, obj, p_0 … p_k}, already
 * decoded in input pixels) into candidates, as MegaDetector's {@code nms()} filters them: {@code
 * obj > threshold}, then the best class of {@code p_c × obj} (first on ties) {@code > threshold}.
 */
public final class YoloOutputDecoder {
  private YoloOutputDecoder() {}

  public static List<Candidate> candidates(float[] rows, int columns, float threshold) {
    if (columns < 6 || rows.length % columns != 0) {
      throw new IllegalArgumentException(
          "model output is not [N, 5 + classes]: "
              + rows.length
              + " values, "
              + columns
              + " columns");
    }
    List<Candidate> out = new ArrayList<>();
    int n = rows.length / columns;
    for (int i = 0; i < n; i++) {
      int o = i * columns;
      float obj = rows[o + 4];
      if (!(obj > threshold)) {
        continue;
      }
      int best = 0;
      float bestConf = rows[o + 5] * obj;
      for (int c = 1; c < columns - 5; c++) {
        float conf = rows[o + 5 + c] * obj;
        if (conf > bestConf) {
          bestConf = conf;
          best = c;
        }
      }
      if (!(bestConf > threshold)) {
        continue;
      }
      float cx = rows[o];
      float cy = rows[o + 1];
      float halfW = rows[o + 2] / 2;
      float halfH = rows[o + 3] / 2;
      out.add(new Candidate(cx - halfW, cy - halfH, cx + halfW, cy + halfH, bestConf, best, i));
    }
    return out;
  }
}
