package io.biotrack.storage;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The blob containers. Writes are atomic: a reader sees the old blob or the whole new one, and a
 * write that fails (size limit, broken stream) leaves no blob behind.
 */
public interface BlobStore {

  /**
   * Streams {@code content} into a blob, replacing any blob of that name.
   *
   * @param maxBytes refuse the blob once more than this many bytes were read
   * @return the number of bytes stored
   * @throws BlobTooLargeException past {@code maxBytes}; nothing is stored
   */
  long put(BlobContainer container, String name, InputStream content, long maxBytes);

  /**
   * @throws BlobNotFoundException if there is no such blob
   */
  InputStream open(BlobContainer container, String name);

  /**
   * Opens the blob only if it still has {@code etag} (from {@link BlobInfo#etag()}); the stream
   * then delivers that version, even if the blob is replaced while it is read.
   *
   * @throws BlobChangedException if the blob now has another tag, or is gone
   */
  InputStream open(BlobContainer container, String name, String etag);

  boolean exists(BlobContainer container, String name);

  /**
   * Hands every blob whose name starts with {@code prefix} to {@code visitor}, one at a time, so
   * that a listing of a million blobs needs no more memory than one. Local stores visit in
   * code-point order of the names; Azure in the service's listing order, which is the same for
   * every name without characters outside the Basic Multilingual Plane.
   */
  void scan(BlobContainer container, String prefix, Consumer<BlobInfo> visitor);

  /** Blobs whose names start with {@code prefix}, in {@link #scan} order; for short listings. */
  default List<BlobInfo> list(BlobContainer container, String prefix) {
    List<BlobInfo> found = new ArrayList<>();
    scan(container, prefix, found::add);
    return found;
  }

  /**
   * @return how many blobs were deleted
   */
  int deletePrefix(BlobContainer container, String prefix);

  /** Deletes one blob. @return false if there was none */
  boolean delete(BlobContainer container, String name);

  /** Stores a small blob held in memory (results, checkpoints). */
  default long put(BlobContainer container, String name, byte[] content) {
    return put(container, name, new java.io.ByteArrayInputStream(content), content.length);
  }
}
