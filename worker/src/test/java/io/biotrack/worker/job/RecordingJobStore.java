package io.biotrack.worker.job;

import io.biotrack.job.Job;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real job store that also records every job the worker wrote, and can act after a write (as
 * another writer would, e.g. the gateway cancelling).
 */
final class RecordingJobStore implements JobStore {
  final List<Job> written = new CopyOnWriteArrayList<>();
  private final JobStore store;
  private volatile Consumer<Job> afterWrite = job -> {};

  RecordingJobStore(JobStore store) {
    this.store = store;
  }

  void afterWrite(Consumer<Job> action) {
    this.afterWrite = action;
  }

  @Override
  public Job create(Job job) {
    return store.create(job);
  }

  @Override
  public Optional<Job> find(String tenant, String jobId) {
    return store.find(tenant, jobId);
  }

  @Override
  public JobPage list(String tenant, JobQuery query) {
    return store.list(tenant, query);
  }

  @Override
  public Optional<Job> findById(String jobId) {
    return store.findById(jobId);
  }

  @Override
  public JobPage listByStatus(JobStatus status, Instant updatedBefore, int limit, String cursor) {
    return store.listByStatus(status, updatedBefore, limit, cursor);
  }

  @Override
  public Job compareAndSet(Job current, Job next) {
    Job stored = store.compareAndSet(current, next);
    written.add(stored);
    afterWrite.accept(stored);
    return stored;
  }

  @Override
  public boolean delete(String tenant, String jobId) {
    return store.delete(tenant, jobId);
  }
}
