package io.biotrack.embedded.dispatch;

import io.biotrack.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded dispatcher per data directory: two would each launch a worker for the same job. An
 * operating-system file lock, so it is released when its process dies, however it dies. The holder
 * writes who it is into the file, so a second one can say who runs there.
 */
public final class DispatcherLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DispatcherLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of a data directory. */
  public static Path fileIn(Path dataDir) {
    return dataDir.resolve("workers").resolve("dispatcher.lock");
  }

  /**
   * @param holder who takes the lock, as a second dispatcher should name it ("process 1234, serving
   *     http://127.0.0.1:8080")
   * @throws DataDirectoryInUseException if another dispatcher holds {@code file}
   */
  public static DispatcherLock acquire(Path file, String holder) {
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
        throw new DataDirectoryInUseException(file, holderOf(file));
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new DispatcherLock(file, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /** The first line the holder wrote; null if there is none (it crashed while writing it). */
  private static String holderOf(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? null : text.lines().findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  public Path file() {
    return file;
  }

  /** Releases the lock; again is nothing (the platform and its dispatcher may both close it). */
  @Override
  public synchronized void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the dispatcher lock", e);
    }
  }
}
