package io.biotrack.worker.job;

import io.biotrack.results.ImageResult;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the shard's {@code progress.json} at the start and at most every {@code interval}, so the
 * dispatcher can show the job's progress; the final, complete report is written by the worker after
 * the shard's results ({@link #complete}). A failed write only delays the next report: progress is
 * for people, the results are what counts.
 */
final class ShardProgressRecorder implements BatchListener {
  private static final Logger log = LoggerFactory.getLogger(ShardProgressRecorder.class);

  private final BlobStore blobs;
  private final ShardTask task;
  private final Clock clock;
  private final Duration interval;
  private final String device;
  private final int batchSize;
  private final int reused;
  private Instant lastWrite;

  /**
   * @param device where the model runs ({@code cpu}, {@code cuda:0}) and {@code batchSize} how many
   *     images it takes at once: in every report, for the job's status
   */
  ShardProgressRecorder(
      BlobStore blobs,
      ShardTask task,
      Clock clock,
      Duration interval,
      String device,
      int batchSize) {
    this(blobs, task, clock, interval, device, batchSize, 0);
  }

  /**
   * @param reused photos whose entries this attempt copied from the previous job
   */
  ShardProgressRecorder(
      BlobStore blobs,
      ShardTask task,
      Clock clock,
      Duration interval,
      String device,
      int batchSize,
      int reused) {
    this.reused = reused;
    this.blobs = blobs;
    this.task = task;
    this.clock = clock;
    this.interval = interval;
    this.device = device;
    this.batchSize = batchSize;
  }

  @Override
  public void started(List<ImageResult> resumed, BatchProgress progress) {
    write(progress, false);
  }

  @Override
  public void imageDone(ImageResult result, BatchProgress progress) {
    if (!clock.instant().isBefore(lastWrite.plus(interval))) {
      write(progress, false);
    }
  }

  /** The last report: the shard's results are written. */
  void complete(BatchProgress progress) {
    blobs.put(BlobContainer.RESULTS, name(), report(progress, true).toBytes());
  }

  private void write(BatchProgress progress, boolean complete) {
    lastWrite = clock.instant();
    try {
      blobs.put(BlobContainer.RESULTS, name(), report(progress, complete).toBytes());
    } catch (RuntimeException e) {
      log.warn(
          "shard {} of job {}: progress not written: {}", task.shard(), task.jobId(), e.toString());
    }
  }

  private ShardProgress report(BatchProgress progress, boolean complete) {
    return new ShardProgress(
        task.attempt(),
        progress.total(),
        progress.done(),
        progress.failed(),
        progress.detections(),
        complete,
        device,
        batchSize,
        reused);
  }

  private String name() {
    return ShardNames.progress(task.jobId(), task.shard());
  }
}
