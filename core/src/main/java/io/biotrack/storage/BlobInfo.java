package io.biotrack.storage;

import java.util.Objects;

/**
 * One stored blob as a listing shows it.
 *
 * @param name the full blob name, e.g. {@code {jobId}/cam1/IMG_0001.JPG}
 * @param etag changes whenever the blob's content is replaced (Azure's ETag; locally a fingerprint
 *     of the file); {@link BlobStore#open(BlobContainer, String, String)} reads the blob only while
 *     it still has this tag
 */
public record BlobInfo(String name, long size, String etag) {
  public BlobInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(etag, "etag");
    if (size < 0) {
      throw new IllegalArgumentException("size cannot be negative");
    }
  }
}
