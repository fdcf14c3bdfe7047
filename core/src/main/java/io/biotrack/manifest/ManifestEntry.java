package io.biotrack.manifest;

import io.biotrack.files.FileNames;
import java.util.Objects;

/**
 * One file a job processes, as frozen when the job was started.
 *
 * @param file the name the user gave ({@code cam1/IMG_0001.JPG})
 * @param size its size in bytes when frozen
 * @param etag its version when frozen: the worker reads exactly this version, and reports the file
 *     as changed if it was replaced since
 */
public record ManifestEntry(String file, long size, String etag) {
  public ManifestEntry {
    FileNames.validate(file);
    Objects.requireNonNull(etag, "etag");
    if (size < 0) {
      throw new IllegalArgumentException("size cannot be negative");
    }
  }
}
