package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import java.util.List;

/** Follows a batch: progress bars, job progress records, checkpoints. Called on the model thread. */
public interface BatchListener {
  /**
   * Called once before the first image is processed.
   *
   * @param resumed results taken over from a checkpoint (counted in {@code progress})
   */
  default void started(List<ImageResult> resumed, BatchProgress progress) {}

  /** Called after each image processed in this run. */
  default void imageDone(ImageResult result, BatchProgress progress) {}

  /** Whether the batch should stop before the next image (cancelled job, Ctrl-C). */
  default boolean stopRequested() {
    return false;
  }

  /** All of these, in order; stops when any asks to. */
  static BatchListener all(List<BatchListener> listeners) {
    List<BatchListener> copy = List.copyOf(listeners);
    return new BatchListener() {
      @Override
      public void started(List<ImageResult> resumed, BatchProgress progress) {
        copy.forEach(l -> l.started(resumed, progress));
      }

      @Override
      public void imageDone(ImageResult result, BatchProgress progress) {
        copy.forEach(l -> l.imageDone(result, progress));
      }

      @Override
      public boolean stopRequested() {
        return copy.stream().anyMatch(BatchListener::stopRequested);
      }
    };
  }
}
