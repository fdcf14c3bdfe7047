package io.biotrack.job;

/**
 * One page of a tenant's jobs, newest first.
 *
 * @param status only jobs in this state; null for all
 * @param cursor the {@code nextCursor} of the previous page; null for the first page
 */
public record JobQuery(JobStatus status, int limit, String cursor) {
  public static final int MAX_LIMIT = 100;

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  public static JobQuery firstPage(int limit) {
    return new JobQuery(null, limit, null);
  }
}
