package io.biotrack.job;

/** A compare-and-set lost: the record changed since it was read. Re-read and decide again. */
public class ConcurrentUpdateException extends RuntimeException {
  public ConcurrentUpdateException(String jobId) {
    super("job " + jobId + " was changed by another writer");
  }
}
