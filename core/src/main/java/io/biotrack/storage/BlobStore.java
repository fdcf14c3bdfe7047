package io.biotrack.storage;

import java.io.InputStream;
import java.util.List;

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

  /** @throws BlobNotFoundException if there is no such blob */
  InputStream open(BlobContainer container, String name);

  boolean exists(BlobContainer container, String name);

  /** Blobs whose names start with {@code prefix}, sorted by name. */
  List<BlobInfo> list(BlobContainer container, String prefix);

  /** @return how many blobs were deleted */
  int deletePrefix(BlobContainer container, String prefix);

  /** Stores a small blob held in memory (results, checkpoints). */
  default long put(BlobContainer container, String name, byte[] content) {
    return put(container, name, new java.io.ByteArrayInputStream(content), content.length);
  }
}
