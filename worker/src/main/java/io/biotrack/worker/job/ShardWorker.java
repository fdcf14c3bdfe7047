package io.biotrack.worker.job;

import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.manifest.Manifest;
import io.biotrack.manifest.ManifestNotFoundException;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.model.InvalidModelException;
import io.biotrack.model.ModelFiles;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import io.biotrack.species.InvalidClassifierException;
import io.biotrack.species.InvalidRegionException;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchOutcome;
import io.biotrack.worker.batch.BatchRunner;
import io.biotrack.worker.batch.Checkpoint;
import io.biotrack.worker.batch.Checkpointer;
import io.biotrack.worker.batch.DecoderThreads;
import io.biotrack.worker.batch.GracefulStop;
import io.biotrack.worker.batch.ImageItem;
import io.biotrack.worker.classify.SpeciesSetup;
import io.biotrack.worker.detect.DetectorException;
import io.biotrack.worker.detect.DjlRuntime;
import io.biotrack.worker.detect.MegaDetector;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one shard, as {@code run-job} runs it (architecture "Worker"). It reads no job
 * record and writes none: everything it needs comes with its {@link ShardTask}, and all it writes
 * are the shard's blobs, which is all its credentials allow.
 *
 * <ol>
 *   <li>load the model (a bad model: exit 2, the dispatcher fails the job with the reason);
 *   <li>read its range of the job's manifest;
 *   <li>detect over those files, resuming from the shard's checkpoint, writing progress every few
 *       seconds and a checkpoint every N images (and when it is stopped), and each decoded photo's
 *       thumbnail ({@link ThumbnailWriter});
 *   <li>write the shard's results, then its complete progress report, then drop the checkpoint;
 *       exit 0.
 * </ol>
 *
 * Any other error exits 1 (the dispatcher retries the shard from its checkpoint); running out of
 * memory exits 3.
 */
public final class ShardWorker {
  private static final Logger log = LoggerFactory.getLogger(ShardWorker.class);

  private final ShardSettings settings;
  private final BlobStore blobs;
  private final Clock clock;

  public ShardWorker(ShardSettings settings, BlobStore blobs, Clock clock) {
    this.settings = settings;
    this.blobs = blobs;
    this.clock = clock;
  }

  /**
   * @return the process exit code ({@link WorkerExitCodes})
   */
  public int run() {
    ShardTask task = settings.task();
    MegaDetector detector;
    try {
      checkExpectedDigest();
      detector =
          MegaDetector.open(
              settings.model(),
              settings.cacheDir(),
              DjlRuntime.threads(settings.threads()),
              (float) task.confidenceThreshold(),
              settings.device());
    } catch (DetectorException | InvalidModelException e) {
      log.error("cannot load the model: {}", e.getMessage());
      return WorkerExitCodes.BAD_CONFIGURATION;
    }
    SpeciesSetup species = null;
    if (settings.classifier() != null) {
      try {
        species =
            SpeciesSetup.open(
                settings.classifier(),
                settings.region().country(),
                settings.region().admin1(),
                settings.cacheDir(),
                DjlRuntime.threads(settings.threads()));
      } catch (InvalidClassifierException | InvalidRegionException e) {
        detector.close();
        log.error("cannot use the classifier: {}", e.getMessage());
        return WorkerExitCodes.BAD_CONFIGURATION;
      }
      if (species.warning() != null) {
        log.warn(species.warning());
      }
    }
    try (detector;
        SpeciesSetup classification = species) {
      log.info(
          "job {} shard {} ({} photos from {}) attempt {}: processing",
          task.jobId(),
          task.shard(),
          task.count(),
          task.from(),
          task.attempt());
      return process(detector, classification, task);
    } catch (ManifestNotFoundException e) {
      log.error("job {}: {}", task.jobId(), e.getMessage());
      return WorkerExitCodes.BAD_CONFIGURATION;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("job {} shard {}: interrupted", task.jobId(), task.shard());
      return WorkerExitCodes.ATTEMPT_FAILED;
    } catch (OutOfMemoryError e) {
      log.error("job {} shard {}: out of memory", task.jobId(), task.shard(), e);
      return WorkerExitCodes.OUT_OF_MEMORY;
    } catch (RuntimeException e) {
      log.error("job {} shard {} failed", task.jobId(), task.shard(), e);
      return WorkerExitCodes.ATTEMPT_FAILED;
    }
  }

  /**
   * The deployment's expected digest of this model (the chart's {@code model.sha256}), checked
   * before anything is loaded: a model share holding another model than the one deployed stops
   * every attempt with the same one-line reason instead of running it.
   */
  private void checkExpectedDigest() {
    if (settings.expectedDigests().isEmpty()) {
      return;
    }
    Path file = ModelFiles.resolve(settings.model());
    settings.expectedDigests().check(settings.model(), ModelFiles.sha256(file));
  }

  private int process(MegaDetector detector, SpeciesSetup species, ShardTask task)
      throws InterruptedException {
    ManifestStore manifests = new ManifestStore(blobs);
    Manifest manifest = manifests.get(task.jobId(), task.manifestId());
    ContentReuse reuse = new ContentReuse(blobs, task);
    List<ImageItem> images =
        reuse.hashing(
            ManifestImages.of(
                blobs, manifests, manifest, task.from(), task.count(), ImageItem.MAX_BYTES));
    BlobCheckpointStore checkpoints =
        new BlobCheckpointStore(blobs, ShardNames.checkpoint(task.jobId(), task.shard()));
    List<ImageResult> resumed = new ArrayList<>(loadCheckpoint(checkpoints));
    // Photos of equal content in the previous job are done already: their entries are copied
    // as they were, exactly as a checkpoint's entries are (the batch skips them by name).
    List<ImageResult> reused = reuse.reused(images);
    resumed.addAll(reused);
    ShardProgressRecorder progress =
        new ShardProgressRecorder(
            blobs,
            task,
            clock,
            settings.progressInterval(),
            detector.device(),
            settings.batchSize(),
            reused.size());
    Checkpointer checkpointer = new Checkpointer(checkpoints, settings.checkpointEvery());
    // Stopped (Ctrl-C of ./biotrack up, a deleted Pod): keep what is done for the next attempt.
    // The hook is there only while the batch runs, so a failed attempt is not told as stopped.
    BatchOutcome outcome;
    GracefulStop stop =
        GracefulStop.install("checkpoint-on-stop", () -> stopped(task, checkpointer));
    try (stop;
        ThumbnailWriter thumbnails = new ThumbnailWriter(blobs, task.jobId())) {
      outcome =
          new BatchRunner(
                  detector,
                  DecoderThreads.of(settings.decodeThreads()),
                  settings.batchSize(),
                  species == null ? null : species.stage())
              .onDecoded(thumbnails)
              .run(images, resumed, BatchListener.all(List.of(checkpointer, progress, stop)));
    }
    if (stop.requested()) {
      // The JVM is exiting with the signal's code (130 or 143); nothing of a cut-short batch is
      // written as the shard's results.
      return WorkerExitCodes.TERMINATED;
    }
    BatchResults results =
        BatchResults.of(
            outcome.results(),
            detector.resultsInfo(LocalDateTime.now(clock), settings.batchSize()));
    if (species != null) {
      results = species.complete(results, LocalDateTime.now(clock));
    }
    // Before the results: a shard with results always has its part of the content index.
    reuse.writePart(results.images());
    blobs.put(
        BlobContainer.RESULTS,
        ShardNames.results(task.jobId(), task.shard()),
        ResultsJson.toBytes(results));
    progress.complete(outcome.progress());
    checkpoints.delete();
    log.info(
        "job {} shard {} completed: {} images, {} failed, {} detections",
        task.jobId(),
        task.shard(),
        outcome.progress().total(),
        outcome.progress().failed(),
        outcome.progress().detections());
    return WorkerExitCodes.SUCCESS;
  }

  /** The shutdown hook while the batch runs: the attempt was stopped from outside, not failed. */
  private static void stopped(ShardTask task, Checkpointer checkpointer) {
    checkpointer.saveNow();
    log.info(
        "job {} shard {} attempt {}: stopped; its checkpoint is saved and the next attempt resumes"
            + " from it",
        task.jobId(),
        task.shard(),
        task.attempt());
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
}
