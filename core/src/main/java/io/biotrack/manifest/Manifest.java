package io.biotrack.manifest;

import java.util.List;
import java.util.Objects;

/**
 * A job's frozen list of files: exactly what its workers process and what its results account for,
 * in code-point order of the names, kept in pages so that a million entries are never held in
 * memory at once (see {@link ManifestStore}).
 *
 * @param id which freeze of the job this is (a start that lost a race leaves its own, unused)
 * @param count how many files
 * @param totalBytes their sizes added up
 * @param pageSize entries per page; every page but the last is full
 * @param firstFiles the first file of each page, to find a file's page without reading the others
 */
public record Manifest(
    String jobId, String id, long count, long totalBytes, int pageSize, List<String> firstFiles) {

  public Manifest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(id, "id");
    firstFiles = List.copyOf(firstFiles);
    if (count < 0 || totalBytes < 0 || pageSize < 1) {
      throw new IllegalArgumentException("count, totalBytes and pageSize must not be negative");
    }
    if (firstFiles.size() != pages(count, pageSize)) {
      throw new IllegalArgumentException(
          "a manifest of "
              + count
              + " files in pages of "
              + pageSize
              + " has "
              + pages(count, pageSize)
              + " pages, not "
              + firstFiles.size());
    }
  }

  public int pages() {
    return firstFiles.size();
  }

  static int pages(long count, int pageSize) {
    return Math.toIntExact((count + pageSize - 1) / pageSize);
  }
}
