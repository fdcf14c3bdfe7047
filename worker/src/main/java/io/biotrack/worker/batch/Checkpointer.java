package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a checkpoint after every {@code every} images processed in this run (MegaDetector's {@code
 * image_count % N == 0} rule), holding all results so far, resumed ones included; and on demand
 * ({@link #saveNow}; {@link #saveFinal} on Ctrl-C). Thread-safe: the model thread adds, decoder
 * threads announce large decodes, a shutdown hook may save.
 *
 * <p>The image of a large decode in flight is saved with the checkpoint ({@link
 * Checkpoint#decoding}) before the decode starts and saved away once it ends, so a run that dies of
 * it leaves its name behind and the next run records it as a failure instead of dying on it again.
 * That is two checkpoint writes per large image, which only images needing more than a quarter of
 * the worker's decode budget cost.
 */
public final class Checkpointer implements BatchListener {
  private final CheckpointStore store;
  private final int every;
  private final List<ImageResult> results = new ArrayList<>();
  private int processedSinceStart;
  private int savedCount = -1;
  private String decoding;
  private boolean stopped;

  /**
   * @param every images between checkpoints; 0 or less: only {@link #saveNow}
   */
  public Checkpointer(CheckpointStore store, int every) {
    this.store = store;
    this.every = every;
  }

  @Override
  public synchronized void started(List<ImageResult> resumed, BatchProgress progress) {
    results.addAll(resumed);
    savedCount = results.size(); // what was loaded is already saved
  }

  @Override
  public synchronized void imageDone(ImageResult result, BatchProgress progress) {
    results.add(result);
    processedSinceStart++;
    if (every > 0 && processedSinceStart % every == 0) {
      save();
    }
  }

  /** Without checkpoints (every ≤ 0) there is no resume, so nothing to mark. */
  @Override
  public synchronized void largeDecodeStarting(String file) {
    if (every > 0) {
      decoding = file;
      save();
    }
  }

  @Override
  public synchronized void largeDecodeFinished(String file) {
    if (file.equals(decoding)) {
      decoding = null;
      save();
    }
  }

  /**
   * Saves, keeping the in-flight image: the decode holding most of the heap is the likely reason
   * memory ran out. Final, as {@link #saveFinal}.
   */
  @Override
  public synchronized void outOfMemory() {
    if (every > 0) {
      save();
    }
    stopped = true;
  }

  /** Saves what is done unless the last checkpoint already holds it. */
  public synchronized void saveNow() {
    if (savedCount != results.size()) {
      save();
    }
  }

  /**
   * Saves what is done for an orderly stop (Ctrl-C), without naming a decode in flight: it is not
   * to blame. Final: the process is going away while its decoder threads may still run, and a later
   * save could name an image that was merely being decoded at exit.
   *
   * @return false when an earlier final save ({@link #outOfMemory}) already ended the saving
   */
  public synchronized boolean saveFinal() {
    if (stopped) {
      return false;
    }
    if (savedCount != results.size() || decoding != null) {
      decoding = null;
      save();
    }
    stopped = true;
    return true;
  }

  private void save() {
    if (stopped) {
      return;
    }
    store.save(Checkpoint.of(results, decoding));
    savedCount = results.size();
  }
}
