package io.biotrack.operator.ingest;

import io.biotrack.dispatch.JobIntake;
import io.biotrack.job.Job;
import io.biotrack.job.JobStore;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.queue.JobQueue;
import io.biotrack.queue.QueuedMessage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.HttpURLConnection;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the job queue into BioJobs, by core's {@link JobIntake} rules (the embedded dispatcher
 * follows them too): a job's BioJob {@code job-{jobId}} is created (one that exists already is
 * success, so duplicates and re-sent messages make no second BioJob), and only then is the message
 * deleted. A malformed message, or one for a job that does not exist, is left alone: it comes back
 * after its visibility timeout and goes to the poison queue after {@code BIOTRACK_MAX_DEQUEUE}
 * receives. A message for a job that already finished is deleted without a BioJob.
 */
public final class QueueIngestor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueIngestor.class);

  private final KubernetesClient client;
  private final BioJobFactory factory;
  private final IngestSettings settings;
  private final JobIntake intake;
  private ScheduledExecutorService scheduler;

  public QueueIngestor(
      JobQueue queue,
      JobStore jobs,
      KubernetesClient client,
      BioJobFactory factory,
      IngestSettings settings,
      MeterRegistry metrics) {
    this.client = client;
    this.factory = factory;
    this.settings = settings;
    java.util.Objects.requireNonNull(settings.namespace(), "the namespace BioJobs are created in");
    this.intake =
        new JobIntake(
            queue,
            jobs,
            this::createBioJob,
            result ->
                metrics
                    .counter(
                        "biotrack.ingest.messages",
                        "result",
                        result.name().toLowerCase(Locale.ROOT))
                    .increment());
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
    return intake.drain(settings.batch(), settings.visibility());
  }

  public JobIntake.Result handle(QueuedMessage message) {
    return intake.handle(message);
  }

  /**
   * @return true if this call created the BioJob, false if it existed already
   */
  private boolean createBioJob(Job job) {
    BioJob resource = factory.bioJobFor(job, settings.namespace());
    try {
      client.resources(BioJob.class).inNamespace(settings.namespace()).resource(resource).create();
      log.info("created BioJob {} for tenant {}", resource.getMetadata().getName(), job.tenant());
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
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
