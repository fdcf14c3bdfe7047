package io.biotrack.worker.batch;

/**
 * How far a batch got.
 *
 * @param total images in the batch, resumed ones included
 * @param done images with a result (resumed ones included)
 * @param resumed images taken from a checkpoint
 * @param failed images with a failure entry
 * @param detections detections over all images
 */
public record BatchProgress(int total, int done, int resumed, int failed, long detections) {
  public static BatchProgress start(int total) {
    return new BatchProgress(total, 0, 0, 0, 0);
  }

  BatchProgress plus(io.biotrack.results.ImageResult result, boolean fromCheckpoint) {
    return new BatchProgress(
        total,
        done + 1,
        resumed + (fromCheckpoint ? 1 : 0),
        failed + (result.failed() ? 1 : 0),
        detections + (result.failed() ? 0 : result.detections().size()));
  }

  /** Images processed in this run (not resumed). */
  public int processedNow() {
    return done - resumed;
  }
}
