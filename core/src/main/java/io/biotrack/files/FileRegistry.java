package io.biotrack.files;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a client registered for a job before starting it (up to a million per job, in batches),
 * so that a client can page through them to resume an interrupted upload, and the gateway can
 * refuse uploads of names nobody registered and names that clash with registered ones. The manifest
 * a start freezes is made from the finished uploads, which can only be of registered names.
 *
 * <p>Pages come in an order of the store's choosing that stays the same from page to page (every
 * adapter uses the same keys, so they all list alike).
 */
public interface FileRegistry {
  int MAX_PAGE = 1000;

  /** One page of a job's registered files. @param nextCursor null on the last page */
  record Page(List<RegisteredFile> files, String nextCursor) {
    public Page {
      files = List.copyOf(files);
    }
  }

  /**
   * Registers files and remembers their folders. Registering a name again updates its declared size
   * and keeps whether it was uploaded.
   */
  void register(String jobId, Collection<RegisteredFile> files);

  /**
   * For each of {@code paths}, what {@link ExistingNames#atOrUnder} answers: the path itself if it
   * is a registered file, else one registered file inside it if it is a folder of any; paths that
   * are neither are missing from the map. One bulk look-up, however many paths.
   */
  Map<String, String> atOrUnder(String jobId, Collection<String> paths);

  Optional<RegisteredFile> find(String jobId, String name);

  /**
   * @param cursor the {@code nextCursor} of the previous page; null for the first
   * @param limit 1 to {@link #MAX_PAGE}
   * @throws IllegalArgumentException for a cursor this registry did not make
   */
  Page list(String jobId, String cursor, int limit);

  /** Notes that these files' uploads finished (known files only; others are ignored). */
  void markUploaded(String jobId, Collection<String> names);

  /** Forgets the job's files. @return how many entries (files and folders) were removed */
  int delete(String jobId);
}
