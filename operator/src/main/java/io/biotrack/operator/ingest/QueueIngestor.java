package io.biotrack.operator.ingest;

import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.queue.MalformedMessageException;
import io.biotrack.queue.QueuedMessage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the job queue into BioJobs. For each message: the job's BioJob {@code job-{jobId}} is
 * created (one that exists already is success, so duplicates and re-sent messages make no second
 * BioJob), and only then is the message deleted. A malformed message, or one for a job that does
 * not exist, is left alone: it comes back after its visibility timeout and goes to the poison
 * queue after {@code BIOTRACK_MAX_DEQUEUE} receives. A message for a job that already finished is
 * deleted without a BioJob.
 */
public final class QueueIngestor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueIngestor.class);

  /** What became of one message. */
  public enum Result {
    CREATED,
    ALREADY_EXISTS,
    FINISHED_JOB,
    LEFT_FOR_RETRY
  }

  private final JobQueue queue;
  private final JobStore jobs;
  private final KubernetesClient client;
  private final BioJobFactory factory;
  private final IngestSettings settings;
  private final MeterRegistry metrics;
  private ScheduledExecutorService scheduler;

  public QueueIngestor(
      JobQueue queue,
      JobStore jobs,
      KubernetesClient client,
      BioJobFactory factory,
      IngestSettings settings,
      MeterRegistry metrics) {
    this.metrics = metrics;
    this.queue = queue;
    this.jobs = jobs;
    this.client = client;
    this.factory = factory;
    this.settings = settings;
  }

  /** Drains in the background until {@link #close()}. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "queue-ingestor");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::drainSafely, 0, Math.max(1, settings.interval().toMillis()), TimeUnit.MILLISECONDS);
    log.info("ingesting job messages into namespace {}", settings.namespace());
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /** Receives until the queue has nothing visible; returns the messages handled. */
  public int drain() {
    int handled = 0;
    while (true) {
      List<QueuedMessage> batch = queue.receive(settings.batch(), settings.visibility());
      if (batch.isEmpty()) {
        return handled;
      }
      for (QueuedMessage message : batch) {
        handle(message);
        handled++;
      }
    }
  }

  public Result handle(QueuedMessage message) {
    Result result = ingest(message);
    metrics.counter("biotrack.ingest.messages", "result", result.name().toLowerCase(java.util.Locale.ROOT)).increment();
    return result;
  }

  private Result ingest(QueuedMessage message) {
    JobMessage body;
    try {
      body = message.jobMessage();
    } catch (MalformedMessageException e) {
      log.warn("message {} (receive {}): {}", message.id(), message.dequeueCount(), e.getMessage());
      return Result.LEFT_FOR_RETRY;
    }
    Optional<Job> job = jobs.find(body.tenant(), body.jobId());
    if (job.isEmpty()) {
      log.warn(
          "message {} (receive {}) names job {} of tenant {}, which does not exist",
          message.id(), message.dequeueCount(), body.jobId(), body.tenant());
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
    Result result = createBioJob(job.get());
    queue.delete(message);
    return result;
  }

  private Result createBioJob(Job job) {
    BioJob resource = factory.bioJobFor(job, settings.namespace());
    try {
      client.resources(BioJob.class).inNamespace(settings.namespace()).resource(resource).create();
      log.info("created BioJob {} for tenant {}", resource.getMetadata().getName(), job.tenant());
      return Result.CREATED;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Result.ALREADY_EXISTS;
      }
      throw e;
    }
  }

  private void drainSafely() {
    try {
      drain();
    } catch (RuntimeException e) {
      log.warn("draining the job queue failed; trying again: {}", e.toString());
    }
  }
}
