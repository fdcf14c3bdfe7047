package io.biotrack.worker.job;

import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchOutcome;
import io.biotrack.worker.batch.BatchRunner;
import io.biotrack.worker.batch.Checkpoint;
import io.biotrack.worker.batch.Checkpointer;
import io.biotrack.worker.batch.ImageItem;
import io.biotrack.worker.detect.DetectorException;
import io.biotrack.worker.detect.DetectorMetadata;
import io.biotrack.worker.detect.DjlRuntime;
import io.biotrack.worker.detect.MegaDetector;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job attempt, as {@code run-job} runs it (architecture "Worker"):
 *
 * <ol>
 *   <li>the record must be LAUNCHING with this attempt, else exit {@link
 *       WorkerExitCodes#STALE_ATTEMPT} without touching anything;
 *   <li>load the model (a bad model: FAILED with the reason, exit 2);
 *   <li>LAUNCHING → PROCESSING by compare-and-set;
 *   <li>detect over the files of the job's manifest (frozen at its start), resuming from {@code results/{jobId}/checkpoint.json},
 *       writing progress every few seconds and a checkpoint every N images; stop quietly (exit
 *       0) once the record is no longer PROCESSING under this attempt;
 *   <li>write {@code results/{jobId}/results.json}, then PROCESSING → COMPLETED with the counts,
 *       then drop the checkpoint; exit 0.
 * </ol>
 *
 * Any other error sets FAILED with a message and exits 1. Running out of memory is not caught:
 * the record stays as it is for another attempt, which skips an image whose decode was in flight
 * ({@code WorkerMain} exits {@link WorkerExitCodes#OUT_OF_MEMORY}).
 */
public final class JobWorker {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JobSettings settings;
  private final JobStore jobs;
  private final BlobStore blobs;
  private final Clock clock;

  public JobWorker(JobSettings settings, JobStore jobs, BlobStore blobs, Clock clock) {
    this.settings = settings;
    this.jobs = jobs;
    this.blobs = blobs;
    this.clock = clock;
  }

  /** @return the process exit code ({@link WorkerExitCodes}) */
  public int run() {
    Optional<Job> found = jobs.find(settings.tenant(), settings.jobId());
    if (found.isEmpty()) {
      log.warn("job {} of tenant {} does not exist: nothing to do", settings.jobId(), settings.tenant());
      return WorkerExitCodes.STALE_ATTEMPT;
    }
    if (!isMine(found.get(), JobStatus.LAUNCHING)) {
      log.warn(
          "job {} is {} with attempt {}, this worker is attempt {}: exiting without work",
          settings.jobId(), found.get().status(), found.get().attempt(), settings.attempt());
      return WorkerExitCodes.STALE_ATTEMPT;
    }
    MegaDetector detector;
    try {
      detector =
          MegaDetector.open(
              settings.model(),
              settings.cacheDir(),
              DjlRuntime.threads(settings.threads()),
              (float) found.get().options().confidenceThreshold());
    } catch (DetectorException e) {
      log.error("cannot load the model: {}", e.getMessage());
      fail(JobStatus.LAUNCHING, "cannot load the model: " + e.getMessage());
      return WorkerExitCodes.BAD_CONFIGURATION;
    }
    try (detector) {
      if (update(JobStatus.LAUNCHING, job -> job.moveTo(JobStatus.PROCESSING, null, clock.instant()))
          .isEmpty()) {
        log.warn("job {} changed before it could be claimed: exiting without work", settings.jobId());
        return WorkerExitCodes.STALE_ATTEMPT;
      }
      log.info("job {} attempt {}: processing", settings.jobId(), settings.attempt());
      return process(detector, found.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(JobStatus.PROCESSING, "the worker was interrupted");
      return WorkerExitCodes.JOB_FAILED;
    } catch (RuntimeException e) {
      log.error("job {} failed", settings.jobId(), e);
      fail(JobStatus.PROCESSING, "worker error: " + e.getMessage());
      return WorkerExitCodes.JOB_FAILED;
    }
  }

  private int process(MegaDetector detector, Job started) throws InterruptedException {
    List<ImageItem> images =
        ManifestImages.of(blobs, new ManifestStore(blobs), started, ImageItem.MAX_BYTES);
    BlobCheckpointStore checkpoints = new BlobCheckpointStore(blobs, settings.jobId());
    List<ImageResult> resumed = loadCheckpoint(checkpoints);
    ProgressRecorder progress =
        new ProgressRecorder(
            jobs, settings.tenant(), settings.jobId(), settings.attempt(), clock,
            settings.progressInterval());
    Checkpointer checkpointer = new Checkpointer(checkpoints, settings.checkpointEvery());
    int decoders = Math.max(1, DjlRuntime.threads(settings.threads()) / 4);
    BatchOutcome outcome =
        new BatchRunner(detector, decoders, decoders + 1)
            .run(images, resumed, BatchListener.all(List.of(checkpointer, progress)));
    if (!outcome.complete()) {
      log.info("stopping without further writes: {}", progress.stopReason());
      return WorkerExitCodes.SUCCESS;
    }
    if (find(JobStatus.PROCESSING).isEmpty()) {
      log.info("job {} is no longer this worker's: results not written", settings.jobId());
      return WorkerExitCodes.SUCCESS;
    }
    BatchResults results =
        BatchResults.of(
            outcome.results(), DetectorMetadata.info(detector.modelName(), LocalDateTime.now(clock)));
    blobs.put(BlobContainer.RESULTS, BlobNames.results(settings.jobId()), ResultsJson.toBytes(results));
    Optional<Job> completed =
        update(
            JobStatus.PROCESSING,
            job ->
                job.withCounts(ProgressRecorder.counts(outcome.progress()), clock.instant())
                    .moveTo(JobStatus.COMPLETED, null, clock.instant()));
    if (completed.isEmpty()) {
      log.info("job {} changed before completion: leaving it as it is", settings.jobId());
      return WorkerExitCodes.SUCCESS;
    }
    checkpoints.delete();
    log.info(
        "job {} completed: {} images, {} failed, {} detections",
        settings.jobId(), outcome.progress().total(), outcome.progress().failed(),
        outcome.progress().detections());
    return WorkerExitCodes.SUCCESS;
  }

  private List<ImageResult> loadCheckpoint(BlobCheckpointStore checkpoints) {
    try {
      List<ImageResult> resumed = checkpoints.load().map(Checkpoint::checkpoint).orElse(List.of());
      if (!resumed.isEmpty()) {
        log.info("resuming from the checkpoint: {} images already done", resumed.size());
      }
      return resumed;
    } catch (UncheckedIOException e) {
      log.warn("ignoring an unreadable checkpoint, starting over: {}", e.getMessage());
      return List.of();
    }
  }

  /** Sets FAILED with {@code message} if the job is still {@code expected} under this attempt. */
  private void fail(JobStatus expected, String message) {
    try {
      update(expected, job -> job.moveTo(JobStatus.FAILED, message, clock.instant()));
    } catch (RuntimeException e) {
      log.error("cannot record the failure of job {}: {}", settings.jobId(), e.toString());
    }
  }

  /**
   * One compare-and-set from {@code expected} under this attempt, retried while other writers
   * race without changing the state.
   *
   * @return the stored job, or empty when it is no longer {@code expected} under this attempt
   */
  private Optional<Job> update(JobStatus expected, UnaryOperator<Job> change) {
    while (true) {
      Optional<Job> current = find(expected);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(jobs.compareAndSet(current.get(), change.apply(current.get())));
      } catch (ConcurrentUpdateException lost) {
        // read again and re-check
      } catch (IllegalTransitionException moved) {
        return Optional.empty();
      }
    }
  }

  private Optional<Job> find(JobStatus expected) {
    return jobs.find(settings.tenant(), settings.jobId()).filter(job -> isMine(job, expected));
  }

  private boolean isMine(Job job, JobStatus expected) {
    return job.status() == expected && job.attempt() == settings.attempt();
  }
}
