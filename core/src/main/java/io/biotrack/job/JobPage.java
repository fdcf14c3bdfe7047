package io.biotrack.job;

import java.util.List;

/**
 * @param nextCursor pass it in the next {@link JobQuery}; null on the last page
 */
public record JobPage(List<Job> jobs, String nextCursor) {
  public JobPage {
    jobs = List.copyOf(jobs);
  }
}
