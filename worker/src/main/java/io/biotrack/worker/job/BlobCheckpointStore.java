package io.biotrack.worker.job;

import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.Checkpoint;
import io.biotrack.worker.batch.CheckpointStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** A shard's checkpoint: a blob of the results container (blob writes are atomic). */
final class BlobCheckpointStore implements CheckpointStore {
  private final BlobStore blobs;
  private final String name;

  BlobCheckpointStore(BlobStore blobs, String name) {
    this.blobs = blobs;
    this.name = name;
  }

  @Override
  public Optional<Checkpoint> load() {
    if (!blobs.exists(BlobContainer.RESULTS, name)) {
      return Optional.empty();
    }
    try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
      return Optional.of(Checkpoint.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + name, e);
    }
  }

  @Override
  public void save(Checkpoint checkpoint) {
    blobs.put(BlobContainer.RESULTS, name, checkpoint.toBytes());
  }

  @Override
  public void delete() {
    blobs.delete(BlobContainer.RESULTS, name);
  }
}
