package io.biotrack.embedded.dispatch;

import io.biotrack.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/**
 * One embedded dispatcher per data directory: two would each launch a worker for the same job.
 * An operating-system file lock, so it is released when its process dies, however it dies.
 */
public final class DispatcherLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DispatcherLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws IllegalStateException if another dispatcher holds {@code file} */
  public static DispatcherLock acquire(Path file) {
    try {
      OwnerOnlyFiles.createDirectories(file.toAbsolutePath().getParent());
      FileChannel channel = OwnerOnlyFiles.openForWriting(file);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "another Biotrack dispatcher is running on this data directory (it holds " + file
                + "); stop it first or choose another --data directory");
      }
      return new DispatcherLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the dispatcher lock", e);
    }
  }
}
