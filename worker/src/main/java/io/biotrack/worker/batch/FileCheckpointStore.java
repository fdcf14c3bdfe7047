package io.biotrack.worker.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A checkpoint file on disk. Writes go to {@code <file>.tmp} and are renamed over the file, the
 * atomic form of MegaDetector's copy-aside {@code _tmp} backup.
 */
public final class FileCheckpointStore implements CheckpointStore {
  private final Path file;

  public FileCheckpointStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  @Override
  public Optional<Checkpoint> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(Checkpoint.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }

  @Override
  public void save(Checkpoint checkpoint) {
    AtomicFiles.write(file, checkpoint.toBytes());
  }

  @Override
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete checkpoint " + file, e);
    }
  }
}
