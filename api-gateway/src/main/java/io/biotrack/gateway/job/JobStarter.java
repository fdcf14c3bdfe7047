package io.biotrack.gateway.job;

import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job by "transition, then enqueue, then sweep": the compare-and-set PENDING → QUEUED is
 * the commit point (of concurrent starts exactly one wins, so exactly one message is sent), then
 * the message goes out. If the process dies or the queue fails in between, {@link
 * QueuedJobSweeper} sends the message later; consumers are idempotent, so a duplicate is harmless.
 */
public class JobStarter {
  private static final Logger log = LoggerFactory.getLogger(JobStarter.class);

  private final JobService jobs;
  private final JobStore jobStore;
  private final BlobStore blobStore;
  private final JobQueue queue;
  private final JobLimits limits;
  private final Clock clock;
  private final GatewayMetrics metrics;
  private final JobOutcomeTracker tracker;

  public JobStarter(
      JobService jobs,
      JobStore jobStore,
      BlobStore blobStore,
      JobQueue queue,
      JobLimits limits,
      Clock clock,
      GatewayMetrics metrics,
      JobOutcomeTracker tracker) {
    this.jobs = jobs;
    this.jobStore = jobStore;
    this.blobStore = blobStore;
    this.queue = queue;
    this.limits = limits;
    this.clock = clock;
    this.metrics = metrics;
    this.tracker = tracker;
  }

  /**
   * @return the QUEUED job, its image count set to the number of uploaded images
   * @throws JobStateConflictException if the job is not PENDING (also for the loser of two
   *     concurrent starts)
   * @throws NoUploadedImagesException if nothing was uploaded
   */
  public Job start(String tenant, String jobId) {
    Job current = requirePending(jobs.get(tenant, jobId));
    int images = blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(jobId)).size();
    if (images == 0) {
      throw new NoUploadedImagesException(jobId);
    }
    if (images > limits.maxFiles()) {
      // Concurrent direct uploads can pass the per-upload check together; this one is final.
      throw new TooManyFilesException(limits.maxFiles());
    }
    Job queued;
    try {
      queued =
          jobStore.compareAndSet(
              current,
              current
                  .moveTo(JobStatus.QUEUED, null, clock.instant())
                  .withCounts(current.counts().withImageCount(images), clock.instant()));
    } catch (ConcurrentUpdateException | IllegalTransitionException lost) {
      // Another start (or a cancel) won; report the state it left.
      Job now = jobs.get(tenant, jobId);
      throw new JobStateConflictException(jobId, now.status(), "only a PENDING job can be started");
    }
    metrics.jobStarted();
    tracker.watch(queued);
    enqueue(queued);
    return queued;
  }

  private static Job requirePending(Job job) {
    if (job.status() != JobStatus.PENDING) {
      throw new JobStateConflictException(
          job.id(), job.status(), "only a PENDING job can be started");
    }
    return job;
  }

  private void enqueue(Job job) {
    try {
      queue.send(JobMessage.of(job.id(), job.tenant()));
    } catch (RuntimeException e) {
      // The job is QUEUED: the sweeper re-sends its message; the client's start succeeded.
      log.warn("job {} is QUEUED but its message was not sent ({}); the sweeper will resend it",
          job.id(), e.toString());
    }
  }
}
