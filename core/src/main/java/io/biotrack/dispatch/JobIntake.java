package io.biotrack.dispatch;

import io.biotrack.job.Job;
import io.biotrack.job.JobLogContext;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.queue.MalformedMessageException;
import io.biotrack.queue.QueuedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a dispatcher consumes job messages; the operator's ingestor (which tracks a job as a BioJob)
 * and the embedded dispatcher (a dispatch record) share these rules. Delivery is at-least-once, so
 * consuming is idempotent: a job is tracked first and only then is its message deleted; a message
 * for a job already tracked is deleted as success. A malformed message, or one for a job that does
 * not exist or was not started, is left alone: it comes back after its visibility timeout and goes
 * to the poison queue after {@code BIOTRACK_MAX_DEQUEUE} receives. A message for a job that already
 * finished is deleted without tracking it.
 */
public final class JobIntake {
  private static final Logger log = LoggerFactory.getLogger(JobIntake.class);

  /** What became of one message. */
  public enum Result {
    CREATED,
    ALREADY_EXISTS,
    FINISHED_JOB,
    LEFT_FOR_RETRY
  }

  /** Starts tracking a job that a message names. */
  @FunctionalInterface
  public interface Tracker {
    /**
     * Idempotent.
     *
     * @return true if this call started tracking the job, false if it was tracked already
     */
    boolean track(Job job);
  }

  private final JobQueue queue;
  private final JobStore jobs;
  private final Tracker tracker;
  private final Consumer<Result> results;

  public JobIntake(JobQueue queue, JobStore jobs, Tracker tracker) {
    this(queue, jobs, tracker, result -> {});
  }

  /**
   * @param results told what became of each message (metrics)
   */
  public JobIntake(JobQueue queue, JobStore jobs, Tracker tracker, Consumer<Result> results) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.results = Objects.requireNonNull(results, "results");
  }

  /**
   * Receives until the queue has nothing visible (messages past the dequeue limit go to the poison
   * queue on the way); returns the messages handled.
   */
  public int drain(int batch, Duration visibility) {
    int handled = 0;
    while (true) {
      List<QueuedMessage> received = queue.receive(batch, visibility);
      if (received.isEmpty()) {
        return handled;
      }
      for (QueuedMessage message : received) {
        handle(message);
        handled++;
      }
    }
  }

  public Result handle(QueuedMessage message) {
    Result result = take(message);
    results.accept(result);
    return result;
  }

  private Result take(QueuedMessage message) {
    JobMessage body;
    try {
      body = message.jobMessage();
    } catch (MalformedMessageException e) {
      log.warn("message {} (receive {}): {}", message.id(), message.dequeueCount(), e.getMessage());
      return Result.LEFT_FOR_RETRY;
    }
    try (JobLogContext ignored = JobLogContext.enter(body.tenant(), body.jobId())) {
      return take(message, body);
    }
  }

  private Result take(QueuedMessage message, JobMessage body) {
    Optional<Job> job = jobs.find(body.tenant(), body.jobId());
    if (job.isEmpty()) {
      log.warn(
          "message {} (receive {}) names job {} of tenant {}, which does not exist",
          message.id(),
          message.dequeueCount(),
          body.jobId(),
          body.tenant());
      return Result.LEFT_FOR_RETRY;
    }
    if (job.get().isTerminal()) {
      queue.delete(message);
      return Result.FINISHED_JOB;
    }
    if (job.get().status() == JobStatus.PENDING) {
      // Start moves the job to QUEUED before it sends; a PENDING job was not started (yet).
      log.warn("message {} names job {}, which was not started", message.id(), body.jobId());
      return Result.LEFT_FOR_RETRY;
    }
    Result result = tracker.track(job.get()) ? Result.CREATED : Result.ALREADY_EXISTS;
    queue.delete(message);
    return result;
  }
}
