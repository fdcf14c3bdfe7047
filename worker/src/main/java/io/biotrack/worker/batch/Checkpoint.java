package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * MegaDetector's checkpoint file: {@code {"checkpoint": [<image result>, ...]}}, entries in
 * processing order, each with {@code max_detection_conf}. (MegaDetector keeps a checkpoint's
 * detections in ascending confidence; Biotrack keeps them in output order, which changes nothing
 * on resume because entries are reused as they are.)
 */
public record Checkpoint(List<ImageResult> checkpoint) {
  public Checkpoint {
    checkpoint = List.copyOf(checkpoint);
  }

  /** Entries as a checkpoint holds them: with {@code max_detection_conf}. */
  public static Checkpoint of(List<ImageResult> results) {
    return new Checkpoint(
        results.stream()
            .map(r -> new ImageResult(r.file(), r.failure(), r.detections(), r.computeMaxConf()))
            .toList());
  }

  public byte[] toBytes() {
    return ResultsJson.toBytes(this);
  }

  public static Checkpoint read(InputStream in) throws IOException {
    Checkpoint read = ResultsJson.read(in, Checkpoint.class);
    if (read == null || read.checkpoint() == null) {
      throw new IOException("not a checkpoint file: no \"checkpoint\" list");
    }
    return read;
  }
}
