package io.biotrack.testing;

import io.biotrack.manifest.Manifest;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a shard's worker writes, without a model: a results file with an empty (successful) entry
 * for each file of the shard, and its progress reports. For stand-in workers in dispatcher and
 * launcher tests.
 */
public final class FakeShardOutput {
  private FakeShardOutput() {}

  /**
   * Progress so far: {@code done} of the shard's files, and a checkpoint that is never deleted, as
   * a cluster worker leaves it (it holds no delete grant).
   */
  public static void progress(BlobStore blobs, ShardTask task, int done) {
    blobs.put(
        BlobContainer.RESULTS,
        ShardNames.checkpoint(task.jobId(), task.shard()),
        ("{\"images\":[],\"done\":" + done + "}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    blobs.put(
        BlobContainer.RESULTS,
        ShardNames.progress(task.jobId(), task.shard()),
        new ShardProgress(task.attempt(), task.count(), done, 0, 0, false).toBytes());
  }

  /** The shard's results, then its complete progress report. */
  public static void complete(BlobStore blobs, ShardTask task) {
    complete(blobs, task, 0);
  }

  /**
   * As {@link #complete(BlobStore, ShardTask)}, reporting {@code reused} of the shard's images as
   * copied from the job's previous job.
   */
  public static void complete(BlobStore blobs, ShardTask task, int reused) {
    ManifestStore manifests = new ManifestStore(blobs);
    Manifest manifest = manifests.get(task.jobId(), task.manifestId());
    List<ImageResult> images = new ArrayList<>();
    manifests
        .read(manifest, task.from(), task.count())
        .forEachRemaining(entry -> images.add(ImageResult.success(entry.file(), List.of())));
    ResultsInfo info = new ResultsInfo("2026-01-01 00:00:00", "1.6", "fake", Map.of());
    blobs.put(
        BlobContainer.RESULTS,
        ShardNames.results(task.jobId(), task.shard()),
        ResultsJson.toBytes(BatchResults.of(images, info)));
    blobs.put(
        BlobContainer.RESULTS,
        ShardNames.progress(task.jobId(), task.shard()),
        new ShardProgress(task.attempt(), task.count(), task.count(), 0, 0, true, null, 0, reused)
            .toBytes());
  }

  /** The shard task a worker process reads from its {@code BIOTRACK_*} variables. */
  public static ShardTask task(Map<String, String> env) {
    return new ShardTask(
        env.get("BIOTRACK_JOB_ID"),
        env.get("BIOTRACK_TENANT"),
        env.get("BIOTRACK_MANIFEST"),
        Integer.parseInt(env.get("BIOTRACK_SHARD")),
        Long.parseLong(env.get("BIOTRACK_SHARD_FROM")),
        Integer.parseInt(env.get("BIOTRACK_SHARD_COUNT")),
        Integer.parseInt(env.get("BIOTRACK_ATTEMPT")),
        Double.parseDouble(env.get("BIOTRACK_CONFIDENCE_THRESHOLD")));
  }
}
