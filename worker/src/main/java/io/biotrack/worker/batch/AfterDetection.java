package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import io.biotrack.worker.detect.RgbImage;

/**
 * A stage {@link BatchRunner} runs on each image right after its detection, on the model thread,
 * with the image's decoded pixels (the species classification: {@code
 * io.biotrack.worker.classify.SpeciesStage}).
 */
public interface AfterDetection {
  /** The image's result with this stage's work added; {@code image} is its decoded pixels. */
  ImageResult apply(ImageResult detected, RgbImage image);

  /**
   * Whether a result taken over from a checkpoint or from earlier results still lacks this stage's
   * work (e.g. it was saved by a run without the stage): the runner then decodes the image again
   * and applies the stage to that result, without detecting again.
   */
  default boolean pending(ImageResult done) {
    return false;
  }
}
