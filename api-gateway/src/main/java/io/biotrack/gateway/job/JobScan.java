package io.biotrack.gateway.job;

import io.biotrack.job.Job;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads jobs across all known tenants (the table is partitioned by tenant). */
public final class JobScan {
  private final JobStore jobStore;
  private final KnownTenants tenants;

  public JobScan(JobStore jobStore, KnownTenants tenants) {
    this.jobStore = jobStore;
    this.tenants = tenants;
  }

  /** Every job in {@code status}, all pages of every tenant. */
  public List<Job> inStatus(JobStatus status) {
    List<Job> found = new ArrayList<>();
    for (String tenant : tenants.names()) {
      String cursor = null;
      do {
        JobPage page = jobStore.list(tenant, new JobQuery(status, JobQuery.MAX_LIMIT, cursor));
        found.addAll(page.jobs());
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    return found;
  }

  /** The job with this id, whichever known tenant owns it (ids are unique across tenants). */
  public Optional<Job> findAnyTenant(String jobId) {
    for (String tenant : tenants.names()) {
      Optional<Job> job = jobStore.find(tenant, jobId);
      if (job.isPresent()) {
        return job;
      }
    }
    return Optional.empty();
  }
}
