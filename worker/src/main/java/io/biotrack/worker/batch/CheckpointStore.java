package io.biotrack.worker.batch;

import java.util.Optional;

/** Where a batch keeps its checkpoint: a local file (CLI) or a results blob (job mode). */
public interface CheckpointStore {
  /** The last saved checkpoint, if any. @throws java.io.UncheckedIOException if unreadable */
  Optional<Checkpoint> load();

  /** Replaces the checkpoint atomically: a crash leaves the old one or the new one. */
  void save(Checkpoint checkpoint);

  /** Removes the checkpoint once the final results are written. */
  void delete();
}
