package io.biotrack.gateway.job;

import io.biotrack.files.ExistingNames;
import io.biotrack.files.FileRegistry;
import io.biotrack.files.RegisteredFile;
import io.biotrack.files.RegistryKeys;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobPage;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.results.RepeatDecisionStore;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's jobs: create, register files, read, list, cancel, delete. Blocking (the storage ports
 * are); callers on an event loop move it to a blocking scheduler. Starting a job is {@link
 * JobStarter}'s.
 */
public class JobService {
  /** A cancel retries lost compare-and-sets (a worker writing progress) this many times. */
  private static final int CANCEL_ATTEMPTS = 20;

  private final JobStore jobStore;
  private final BlobStore blobStore;
  private final FileRegistry registry;
  private final RepeatDecisionStore repeatDecisions;
  private final UrlSigner urlSigner;
  private final JobIds jobIds;
  private final Clock clock;
  private final JobLimits limits;
  private final Duration uploadUrlTtl;
  private final Duration resultsUrlTtl;
  private final GatewayMetrics metrics;

  public JobService(
      JobStore jobStore,
      BlobStore blobStore,
      FileRegistry registry,
      RepeatDecisionStore repeatDecisions,
      UrlSigner urlSigner,
      JobIds jobIds,
      Clock clock,
      JobLimits limits,
      Duration uploadUrlTtl,
      Duration resultsUrlTtl,
      GatewayMetrics metrics) {
    this.jobStore = jobStore;
    this.blobStore = blobStore;
    this.registry = registry;
    this.repeatDecisions = repeatDecisions;
    this.urlSigner = urlSigner;
    this.jobIds = jobIds;
    this.clock = clock;
    this.limits = limits;
    this.uploadUrlTtl = uploadUrlTtl;
    this.resultsUrlTtl = resultsUrlTtl;
    this.metrics = metrics;
  }

  /** Stores a PENDING job, registers its files and signs one upload URL per file. */
  public CreatedJob create(String tenant, NewJob request) {
    checkPreviousJob(tenant, request.options());
    Job job =
        jobStore.create(
            Job.newPending(
                jobIds.next(),
                tenant,
                request.name(),
                request.files().size(),
                request.options(),
                clock.instant()));
    registry.register(job.id(), request.files());
    metrics.jobCreated();
    return uploads(job, request.files());
  }

  /**
   * What the job's registered names say about {@code paths} (see {@link FileRegistry#atOrUnder}):
   * the names a new batch is checked against.
   */
  public ExistingNames registeredNames(String tenant, String jobId, List<String> batch) {
    get(tenant, jobId);
    Set<String> paths = new HashSet<>();
    for (String name : batch) {
      paths.add(name);
      paths.addAll(RegistryKeys.foldersOf(name));
    }
    Map<String, String> found = registry.atOrUnder(jobId, paths);
    return path -> Optional.ofNullable(found.get(path));
  }

  /**
   * Registers more files for a PENDING job (a page of up to 1,000 at a time) and signs an upload
   * URL for each; names registered before are registered again (their URLs signed anew).
   *
   * @throws JobStateConflictException if the job is no longer PENDING
   * @throws TooManyFilesException if the job would hold more files than allowed
   */
  public CreatedJob register(String tenant, String jobId, List<RegisteredFile> files) {
    Job job =
        requirePending(get(tenant, jobId), "files can be registered only while the job is PENDING");
    Map<String, String> known =
        registry.atOrUnder(jobId, files.stream().map(RegisteredFile::name).toList());
    int added = (int) files.stream().filter(f -> !f.name().equals(known.get(f.name()))).count();
    if ((long) job.counts().imageCount() + added > limits.maxFiles()) {
      throw new TooManyFilesException(limits.maxFiles());
    }
    registry.register(jobId, files);
    Job counted = job;
    for (int attempt = 1; added > 0; attempt++) {
      try {
        counted =
            jobStore.compareAndSet(
                counted,
                counted.withCounts(
                    counted.counts().withImageCount(counted.counts().imageCount() + added), now()));
        break;
      } catch (ConcurrentUpdateException lost) {
        counted =
            requirePending(
                get(tenant, jobId), "files can be registered only while the job is PENDING");
        if (attempt == CANCEL_ATTEMPTS) {
          throw lost;
        }
      }
    }
    return uploads(counted, files);
  }

  /**
   * One page of the job's registered files, each saying whether its upload finished (a file not yet
   * known to be uploaded is looked up in storage, and remembered once found).
   */
  public FileRegistry.Page files(String tenant, String jobId, String cursor, int limit) {
    get(tenant, jobId);
    FileRegistry.Page page = registry.list(jobId, cursor, limit);
    List<String> unknown =
        page.files().stream().filter(f -> !f.uploaded()).map(RegisteredFile::name).toList();
    if (unknown.isEmpty()) {
      return page;
    }
    // Direct uploads to Azure bypass the gateway: look for their blobs, several at once.
    Set<String> found = ConcurrentHashMap.newKeySet();
    unknown.parallelStream()
        .filter(name -> blobStore.exists(BlobContainer.UPLOADS, BlobNames.upload(jobId, name)))
        .forEach(found::add);
    if (found.isEmpty()) {
      return page;
    }
    registry.markUploaded(jobId, found);
    return new FileRegistry.Page(
        page.files().stream()
            .map(f -> found.contains(f.name()) ? new RegisteredFile(f.name(), f.size(), true) : f)
            .toList(),
        page.nextCursor());
  }

  private CreatedJob uploads(Job job, List<RegisteredFile> files) {
    List<CreatedJob.FileUpload> uploads =
        files.stream()
            .map(
                file ->
                    new CreatedJob.FileUpload(
                        file.name(),
                        urlSigner.uploadUrl(
                            BlobContainer.UPLOADS,
                            BlobNames.upload(job.id(), file.name()),
                            uploadUrlTtl)))
            .toList();
    Instant expiresAt =
        uploads.stream()
            .map(u -> u.target().expiresAt())
            .min(Instant::compareTo)
            .orElse(clock.instant().plus(uploadUrlTtl));
    return new CreatedJob(job, uploads, expiresAt);
  }

  /**
   * A job may reuse the results of one of its tenant's COMPLETED jobs that ran with the same model
   * and options (the entries it copies are the ones it would compute). Another tenant's job is not
   * found, exactly as it is everywhere else: reuse never crosses tenants.
   *
   * @throws InvalidRequestException when the previous job is not the tenant's, or ran otherwise
   * @throws JobStateConflictException when it has not completed
   */
  private void checkPreviousJob(String tenant, JobOptions options) {
    String previousId = options.previousJobId();
    if (previousId == null) {
      return;
    }
    Job previous;
    try {
      previous = get(tenant, previousId);
    } catch (JobNotFoundException e) {
      throw new InvalidRequestException(
          "previousJobId",
          "you have no job " + previousId + ": give the id of one of your completed jobs");
    }
    if (previous.status() != JobStatus.COMPLETED) {
      throw new JobStateConflictException(
          previous.id(),
          previous.status(),
          "only a COMPLETED job's results can be reused: wait for it to complete, or leave"
              + " previousJobId out");
    }
    // A job that named no model matches only one that named none (both the platform's default).
    if (!options.sameResultsAs(previous.options(), null)) {
      throw new InvalidRequestException(
          "previousJobId",
          "job "
              + previousId
              + " ran with other options (confidenceThreshold "
              + previous.options().confidenceThreshold()
              + ", model "
              + (previous.options().model() == null ? "the default" : previous.options().model())
              + ", classify "
              + previous.options().species().classify()
              + "): create this job with the same ones to reuse its results, or leave previousJobId"
              + " out");
    }
  }

  private static Job requirePending(Job job, String why) {
    if (job.status() != JobStatus.PENDING) {
      throw new JobStateConflictException(job.id(), job.status(), why);
    }
    return job;
  }

  /**
   * @throws JobNotFoundException also for ids that are not job ids and other tenants' jobs
   */
  public Job get(String tenant, String jobId) {
    if (!JobIds.isValid(jobId)) {
      throw new JobNotFoundException(tenant, jobId);
    }
    return jobStore.get(tenant, jobId);
  }

  /** See {@link JobStore#findsWithoutWaiting()}: {@link #get} may then run on any thread. */
  public boolean getsWithoutWaiting() {
    return jobStore.findsWithoutWaiting();
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
   * Deletes a finished job: its uploads and results first, the record last, so a delete that fails
   * half-way can simply be repeated.
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
    registry.delete(jobId);
    repeatDecisions.delete(jobId);
    jobStore.delete(tenant, jobId);
  }

  private Instant now() {
    return clock.instant();
  }
}
