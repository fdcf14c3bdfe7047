package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import java.util.List;

/**
 * Follows a batch: progress bars, job progress records, checkpoints. Called on the model thread,
 * except {@link #largeDecodeStarting} and {@link #largeDecodeFinished} (on a decoder thread).
 */
public interface BatchListener {
  /**
   * Called once before the first image is processed.
   *
   * @param resumed results taken over from a checkpoint (counted in {@code progress})
   */
  default void started(List<ImageResult> resumed, BatchProgress progress) {}

  /** Called after each image processed in this run. */
  default void imageDone(ImageResult result, BatchProgress progress) {}

  /**
   * Called on a decoder thread before a large decode (one that takes the whole memory budget, see
   * {@code DecodeBudget}) starts; the decode waits until this returns, so whatever this records is
   * durable before the decode can kill the process. Only large decodes are announced: the others
   * share a budget they cannot exceed, so they cannot exhaust the heap by themselves.
   */
  default void largeDecodeStarting(String file) {}

  /**
   * Called on the decoder thread once the large decode of {@code file} no longer holds its memory.
   */
  default void largeDecodeFinished(String file) {}

  /**
   * Called once when the batch runs out of memory, before the error propagates (without {@code
   * -XX:+ExitOnOutOfMemoryError}; with it the JVM exits at once and only what was already durable
   * counts): the last chance to save.
   */
  default void outOfMemory() {}

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
      public void largeDecodeStarting(String file) {
        copy.forEach(l -> l.largeDecodeStarting(file));
      }

      @Override
      public void largeDecodeFinished(String file) {
        copy.forEach(l -> l.largeDecodeFinished(file));
      }

      @Override
      public void outOfMemory() {
        copy.forEach(BatchListener::outOfMemory);
      }

      @Override
      public boolean stopRequested() {
        return copy.stream().anyMatch(BatchListener::stopRequested);
      }
    };
  }
}
