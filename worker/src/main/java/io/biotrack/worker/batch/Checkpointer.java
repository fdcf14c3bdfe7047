package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a checkpoint after every {@code every} images processed in this run (MegaDetector's
 * {@code image_count % N == 0} rule), holding all results so far, resumed ones included; and on
 * demand ({@link #saveNow}, e.g. on Ctrl-C). Thread-safe: the model thread adds, a shutdown hook
 * may save.
 */
public final class Checkpointer implements BatchListener {
  private final CheckpointStore store;
  private final int every;
  private final List<ImageResult> results = new ArrayList<>();
  private int processedSinceStart;
  private int savedCount = -1;

  /** @param every images between checkpoints; 0 or less: only {@link #saveNow} */
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

  /** Saves what is done unless the last checkpoint already holds it. */
  public synchronized void saveNow() {
    if (savedCount != results.size()) {
      save();
    }
  }

  private void save() {
    store.save(Checkpoint.of(results));
    savedCount = results.size();
  }
}
