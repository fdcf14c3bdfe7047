package io.biotrack.gateway.job;

/** A job would hold more files than the configured limit. */
public class TooManyFilesException extends RuntimeException {
  private final int limit;

  public TooManyFilesException(int limit) {
    super("a job holds at most " + limit + " files");
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }
}
