package io.biotrack.adapter;

import io.biotrack.job.Job;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The job table as a worker with job-scoped credentials sees it: its one job record, read and
 * updated by compare-and-set, and nothing else. Other records are invisible (as another tenant's
 * are to a user); creating, listing and deleting are refused, as the credentials would refuse them.
 */
public final class JobScopedJobStore implements JobStore {
  private final JobStore table;
  private final String tenant;
  private final String jobId;

  public JobScopedJobStore(JobStore table, String tenant, String jobId) {
    this.table = Objects.requireNonNull(table, "table");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
  }

  @Override
  public Optional<Job> find(String tenant, String jobId) {
    return isMine(tenant, jobId) ? table.find(tenant, jobId) : Optional.empty();
  }

  @Override
  public Optional<Job> findById(String jobId) {
    return find(tenant, jobId);
  }

  @Override
  public Job compareAndSet(Job current, Job next) {
    if (!isMine(current.tenant(), current.id())) {
      throw new JobNotFoundException(current.tenant(), current.id());
    }
    return table.compareAndSet(current, next);
  }

  @Override
  public Job create(Job job) {
    throw refused("create job records");
  }

  @Override
  public JobPage list(String tenant, JobQuery query) {
    throw refused("list jobs");
  }

  @Override
  public JobPage listByStatus(JobStatus status, Instant updatedBefore, int limit, String cursor) {
    throw refused("list jobs");
  }

  @Override
  public boolean delete(String tenant, String jobId) {
    throw refused("delete job records");
  }

  private boolean isMine(String tenant, String jobId) {
    return this.tenant.equals(tenant) && this.jobId.equals(jobId);
  }

  private UnsupportedOperationException refused(String what) {
    return new UnsupportedOperationException(
        "credentials scoped to job " + jobId + " cannot " + what);
  }
}
