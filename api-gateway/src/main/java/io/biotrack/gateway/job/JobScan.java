package io.biotrack.gateway.job;

import io.biotrack.job.Job;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the jobs of every tenant in one state, all pages, for the gateway's background work (the
 * start sweeper, the outcome tracker). Never used for a user's request: those stay within the
 * caller's tenant.
 */
public final class JobScan {
  private static final int PAGE = 500;

  private final JobStore jobStore;

  public JobScan(JobStore jobStore) {
    this.jobStore = jobStore;
  }

  /** Every job in {@code status}. */
  public List<Job> inStatus(JobStatus status) {
    return inStatus(status, null);
  }

  /** Every job in {@code status} last updated strictly before {@code updatedBefore} (null: any). */
  public List<Job> inStatus(JobStatus status, Instant updatedBefore) {
    List<Job> found = new ArrayList<>();
    String cursor = null;
    do {
      JobPage page = jobStore.listByStatus(status, updatedBefore, PAGE, cursor);
      found.addAll(page.jobs());
      cursor = page.nextCursor();
    } while (cursor != null);
    return found;
  }
}
