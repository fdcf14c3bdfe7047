package io.biotrack.gateway.job;

import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's jobs: create, read, list, cancel, delete. Blocking (the storage ports are); callers
 * on an event loop move it to a blocking scheduler. Starting a job is {@link JobStarter}'s.
 */
public class JobService {
  /** A cancel retries lost compare-and-sets (a worker writing progress) this many times. */
  private static final int CANCEL_ATTEMPTS = 20;

  private final JobStore jobStore;
  private final BlobStore blobStore;
  private final UrlSigner urlSigner;
  private final JobIds jobIds;
  private final Clock clock;
  private final Duration uploadUrlTtl;
  private final Duration resultsUrlTtl;
  private final GatewayMetrics metrics;

  public JobService(
      JobStore jobStore,
      BlobStore blobStore,
      UrlSigner urlSigner,
      JobIds jobIds,
      Clock clock,
      Duration uploadUrlTtl,
      Duration resultsUrlTtl,
      GatewayMetrics metrics) {
    this.jobStore = jobStore;
    this.blobStore = blobStore;
    this.urlSigner = urlSigner;
    this.jobIds = jobIds;
    this.clock = clock;
    this.uploadUrlTtl = uploadUrlTtl;
    this.resultsUrlTtl = resultsUrlTtl;
    this.metrics = metrics;
  }

  /** Stores a PENDING job and signs one upload URL per file. */
  public CreatedJob create(String tenant, NewJob request) {
    Job job =
        jobStore.create(
            Job.newPending(
                jobIds.next(),
                tenant,
                request.name(),
                request.files().size(),
                request.options(),
                clock.instant()));
    List<CreatedJob.FileUpload> uploads =
        request.files().stream()
            .map(
                file ->
                    new CreatedJob.FileUpload(
                        file,
                        urlSigner.uploadUrl(
                            BlobContainer.UPLOADS, BlobNames.upload(job.id(), file), uploadUrlTtl)))
            .toList();
    Instant expiresAt =
        uploads.stream()
            .map(u -> u.target().expiresAt())
            .min(Instant::compareTo)
            .orElse(clock.instant().plus(uploadUrlTtl));
    metrics.jobCreated();
    return new CreatedJob(job, uploads, expiresAt);
  }

  /** @throws JobNotFoundException also for ids that are not job ids and other tenants' jobs */
  public Job get(String tenant, String jobId) {
    if (!JobIds.isValid(jobId)) {
      throw new JobNotFoundException(tenant, jobId);
    }
    return jobStore.get(tenant, jobId);
  }

  /** A short-lived read URL for the results of a COMPLETED job. */
  public Optional<SignedUrl> resultsUrl(Job job) {
    if (job.status() != JobStatus.COMPLETED) {
      return Optional.empty();
    }
    return Optional.of(
        urlSigner.downloadUrl(BlobContainer.RESULTS, BlobNames.results(job.id()), resultsUrlTtl));
  }

  public JobPage list(String tenant, JobQuery query) {
    return jobStore.list(tenant, query);
  }

  /**
   * Moves a job that has not finished to CANCELLED. The operator or the embedded dispatcher sees
   * the record and deletes the workload.
   *
   * @throws JobStateConflictException if the job already finished
   */
  public Job cancel(String tenant, String jobId) {
    for (int attempt = 1; ; attempt++) {
      Job current = get(tenant, jobId);
      if (current.isTerminal()) {
        throw new JobStateConflictException(
            jobId, current.status(), "only a job that has not finished can be cancelled");
      }
      try {
        Job cancelled =
            jobStore.compareAndSet(
                current, current.moveTo(JobStatus.CANCELLED, "cancelled by the user", now()));
        metrics.jobCancelled();
        return cancelled;
      } catch (ConcurrentUpdateException | IllegalTransitionException lost) {
        // A worker or the operator wrote in between; read again and decide again.
        if (attempt == CANCEL_ATTEMPTS) {
          throw lost;
        }
      }
    }
  }

  /**
   * Deletes a finished job: its uploads and results first, the record last, so a delete that
   * fails half-way can simply be repeated.
   *
   * @throws JobStateConflictException if the job has not finished (cancel it first)
   */
  public void delete(String tenant, String jobId) {
    Job job = get(tenant, jobId);
    if (!job.isTerminal()) {
      throw new JobStateConflictException(
          jobId, job.status(), "only a finished job can be deleted; cancel it first");
    }
    blobStore.deletePrefix(BlobContainer.UPLOADS, BlobNames.jobPrefix(jobId));
    blobStore.deletePrefix(BlobContainer.RESULTS, BlobNames.jobPrefix(jobId));
    jobStore.delete(tenant, jobId);
  }

  private Instant now() {
    return clock.instant();
  }
}
