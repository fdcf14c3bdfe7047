package io.biotrack.worker.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MegaDetector's checkpoint file: {@code {"checkpoint": [<image result>, ...]}}, entries in
 * processing order, each with {@code max_detection_conf}. (MegaDetector keeps a checkpoint's
 * detections in ascending confidence; Biotrack keeps them in output order, which changes nothing on
 * resume because entries are reused as they are.)
 *
 * <p>Biotrack adds one key while a large decode is in flight: {@code "decoding": "<file>"}, the
 * image that may run the worker out of memory (see {@link BatchListener#largeDecodeStarting}). It
 * lives in the checkpoint itself, not in a file of its own, because a job-scoped worker may write
 * no other blob than its checkpoint and results. MegaDetector's {@code run_detector_batch.py} reads
 * a checkpoint by its {@code "checkpoint"} key alone, so the extra key does not stop it reading the
 * file; Biotrack's reader ignores unknown keys too.
 *
 * @param decoding the image whose large decode was in flight when this was saved; null if none
 */
public record Checkpoint(
    List<ImageResult> checkpoint, @JsonInclude(JsonInclude.Include.NON_NULL) String decoding) {
  private static final Logger log = LoggerFactory.getLogger(Checkpoint.class);

  /** Why a checkpoint's in-flight image is a failure on resume (logged, never written). */
  static final String DIED_DECODING =
      "the worker died while decoding this image in an earlier attempt";

  public Checkpoint {
    checkpoint = List.copyOf(checkpoint);
  }

  /** Entries as a checkpoint holds them: with {@code max_detection_conf}. */
  public static Checkpoint of(List<ImageResult> results) {
    return of(results, null);
  }

  /** The same, saved while the large decode of {@code decoding} is in flight (null: none). */
  public static Checkpoint of(List<ImageResult> results, String decoding) {
    return new Checkpoint(
        results.stream()
            .map(
                r ->
                    new ImageResult(
                        r.file(),
                        r.failure(),
                        r.detections(),
                        r.computeMaxConf(),
                        r.prediction(), // a classified image's species decision, kept on resume
                        r.predictionScore(),
                        r.predictionSource()))
            .toList(),
        decoding);
  }

  public byte[] toBytes() {
    return ResultsJson.toBytes(this);
  }

  /**
   * Reads a checkpoint as a new run resumes it. If the run that saved it died during the large
   * decode it names, and that image has no entry, the image gets an image access failure entry
   * here: it is not decoded again, so one file cannot kill every attempt.
   */
  public static Checkpoint read(InputStream in) throws IOException {
    Checkpoint read = ResultsJson.read(in, Checkpoint.class);
    if (read == null || read.checkpoint() == null) {
      throw new IOException("not a checkpoint file: no \"checkpoint\" list");
    }
    return read.withInFlightImageFailed();
  }

  private Checkpoint withInFlightImageFailed() {
    if (decoding == null) {
      return this;
    }
    if (checkpoint.stream().anyMatch(r -> r.file().equals(decoding))) {
      return new Checkpoint(checkpoint, null); // it finished before the run died
    }
    log.warn("{}: {} ({})", decoding, ImageResult.FAILURE_IMAGE_ACCESS, DIED_DECODING);
    List<ImageResult> entries = new ArrayList<>(checkpoint);
    entries.add(ImageResult.failure(decoding, ImageResult.FAILURE_IMAGE_ACCESS));
    return Checkpoint.of(entries);
  }
}
