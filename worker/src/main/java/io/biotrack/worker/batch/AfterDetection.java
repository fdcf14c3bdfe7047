package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import io.biotrack.worker.detect.RgbImage;
import java.util.List;

/**
 * A stage {@link BatchRunner} runs on each image right after its detection, on the model thread,
 * with the image's decoded pixels (the species classification: {@code
 * io.biotrack.worker.classify.SpeciesStage}).
 */
public interface AfterDetection {
  /**
   * Takes an image's result after detection, with its decoded pixels ({@code image}, only for this
   * call), and returns the results this stage has completed, in the order the images were added:
   * none while it waits for more images to batch their work, possibly several.
   */
  List<ImageResult> add(ImageResult detected, RgbImage image);

  /** Completes every image taken so far (the end of the run, or a stop), in order. */
  List<ImageResult> flush();

  /**
   * Whether a result taken over from a checkpoint or from earlier results still lacks this stage's
   * work (e.g. it was saved by a run without the stage): the runner then decodes the image again
   * and applies the stage to that result, without detecting again.
   */
  default boolean pending(ImageResult done) {
    return false;
  }
}
