package io.biotrack.gateway.job;

import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.gateway.upload.UploadGate;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Job;
import io.biotrack.job.JobLogContext;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.manifest.Manifest;
import io.biotrack.manifest.ManifestIds;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job by "freeze, transition, then enqueue, then sweep": the manifest is written first,
 * then the compare-and-set PENDING → QUEUED, which names the manifest, is the commit point (of
 * concurrent starts exactly one wins, so exactly one message is sent), then the message goes out.
 * If the process dies or the queue fails in between, {@link QueuedJobSweeper} sends the message
 * later; consumers are idempotent, so a duplicate is harmless.
 */
public class JobStarter {
  private static final Logger log = LoggerFactory.getLogger(JobStarter.class);

  private final JobService jobs;
  private final JobStore jobStore;
  private final ManifestStore manifests;
  private final UploadGate uploads;
  private final JobQueue queue;
  private final JobLimits limits;
  private final Clock clock;
  private final GatewayMetrics metrics;
  private final JobOutcomeTracker tracker;
  private final Duration uploadWait;

  public JobStarter(
      JobService jobs,
      JobStore jobStore,
      ManifestStore manifests,
      UploadGate uploads,
      JobQueue queue,
      JobLimits limits,
      Clock clock,
      GatewayMetrics metrics,
      JobOutcomeTracker tracker,
      Duration uploadWait) {
    this.jobs = jobs;
    this.jobStore = jobStore;
    this.manifests = manifests;
    this.uploads = uploads;
    this.queue = queue;
    this.limits = limits;
    this.clock = clock;
    this.metrics = metrics;
    this.tracker = tracker;
    this.uploadWait = uploadWait;
  }

  /**
   * Freezes the job's manifest — exactly the files uploaded so far, with their sizes and versions —
   * and moves the job to QUEUED with it. Waits briefly for uploads still open.
   *
   * @return the QUEUED job, its image count the number of files in its manifest
   * @throws JobStateConflictException if the job is not PENDING (also for the loser of two
   *     concurrent starts), or uploads are still open after a short wait
   * @throws NoUploadedImagesException if nothing was uploaded
   */
  public Job start(String tenant, String jobId) {
    requirePending(jobs.get(tenant, jobId));
    Job queued = uploads.whenQuiet(jobId, uploadWait, () -> freezeAndQueue(tenant, jobId));
    metrics.jobStarted();
    tracker.watch(queued);
    enqueue(queued);
    return queued;
  }

  private Job freezeAndQueue(String tenant, String jobId) {
    Job current = requirePending(jobs.get(tenant, jobId));
    // Each freeze writes under its own id; the compare-and-set below makes one of them the
    // job's. A start that loses a race (on another replica) leaves an unused manifest behind,
    // which goes with the job's other blobs.
    String manifestId = ManifestIds.next();
    Manifest manifest = manifests.freezeUploads(jobId, manifestId);
    if (manifest.count() == 0) {
      throw new NoUploadedImagesException(jobId);
    }
    if (manifest.count() > limits.maxFiles()) {
      // Concurrent direct uploads can pass the per-upload check together; this one is final.
      throw new TooManyFilesException(limits.maxFiles());
    }
    try {
      return jobStore.compareAndSet(
          current,
          current
              .moveTo(JobStatus.QUEUED, null, clock.instant())
              .withManifest(manifestId, Math.toIntExact(manifest.count()), clock.instant()));
    } catch (ConcurrentUpdateException | IllegalTransitionException lost) {
      // Another start (or a cancel) won; report the state it left.
      Job now = jobs.get(tenant, jobId);
      throw new JobStateConflictException(jobId, now.status(), "only a PENDING job can be started");
    }
  }

  private static Job requirePending(Job job) {
    if (job.status() != JobStatus.PENDING) {
      throw new JobStateConflictException(
          job.id(), job.status(), "only a PENDING job can be started");
    }
    return job;
  }

  private void enqueue(Job job) {
    try (JobLogContext ignored = JobLogContext.enter(job.tenant(), job.id())) {
      queue.send(JobMessage.of(job.id(), job.tenant()));
    } catch (RuntimeException e) {
      // The job is QUEUED: the sweeper re-sends its message; the client's start succeeded.
      log.warn(
          "job {} is QUEUED but its message was not sent ({}); the sweeper will resend it",
          job.id(),
          e.toString());
    }
  }
}
