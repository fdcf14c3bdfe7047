package io.biotrack.gateway.support;

import io.biotrack.job.Job;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsInfo;
import io.biotrack.results.ResultsJson;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What the operator and a worker write for a job, done through the same storage ports, so the
 * gateway can be tested up to COMPLETED without running a detector.
 */
public final class WorkerSteps {
  private final JobStore jobStore;
  private final BlobStore blobStore;
  private final Clock clock = Clock.systemUTC();

  public WorkerSteps(JobStore jobStore, BlobStore blobStore) {
    this.jobStore = jobStore;
    this.blobStore = blobStore;
  }

  /** Results with a file name that needs CSV quoting, an empty image and a failure. */
  public static BatchResults sampleResults() {
    return BatchResults.of(
        List.of(
            ImageResult.success(
                "cam1/IMG_0001.JPG",
                List.of(
                    new Detection("1", 0.912, List.of(0.1, 0.2, 0.3, 0.4)),
                    new Detection("2", 0.25, List.of(0.5, 0.5, 0.125, 0.25)))),
            ImageResult.success("cam1/empty, \"quoted\".jpg", List.of()),
            ImageResult.failure("cam2/broken.jpg", ImageResult.FAILURE_IMAGE_ACCESS)),
        new ResultsInfo(
            "2025-11-25 18:03:10", ResultsInfo.FORMAT_VERSION, "md_v5a.0.0.pt", Map.of()));
  }

  public Job launch(String tenant, String jobId) {
    return jobStore.transition(
        tenant, jobId, JobStatus.QUEUED, JobStatus.LAUNCHING, null, clock, j -> j.withAttempt(1));
  }

  public Job process(String tenant, String jobId) {
    return jobStore.transition(
        tenant, jobId, JobStatus.LAUNCHING, JobStatus.PROCESSING, null, clock, j -> j);
  }

  /** QUEUED → LAUNCHING → PROCESSING → COMPLETED with results.json written. */
  public byte[] complete(String tenant, String jobId) {
    launch(tenant, jobId);
    process(tenant, jobId);
    return finish(tenant, jobId, sampleResults());
  }

  /** Writes results.json, then PROCESSING → COMPLETED with the counts of these results. */
  public byte[] finish(String tenant, String jobId, BatchResults results) {
    byte[] json = ResultsJson.toBytes(results);
    blobStore.put(BlobContainer.RESULTS, BlobNames.results(jobId), json);
    int failed = (int) results.images().stream().filter(ImageResult::failed).count();
    long detections =
        results.images().stream()
            .filter(i -> !i.failed())
            .mapToLong(i -> i.detections().size())
            .sum();
    jobStore.transition(
        tenant,
        jobId,
        JobStatus.PROCESSING,
        JobStatus.COMPLETED,
        null,
        clock,
        j ->
            j.withCounts(
                new JobCounts(j.counts().imageCount(), results.images().size(), failed, detections),
                clock.instant()));
    return json;
  }

  /**
   * QUEUED → ... → COMPLETED as a sharded job ends: each part written as a shard's results, the
   * job's results file merged from them, the shard counts set.
   */
  public void completeInShards(String tenant, String jobId, List<BatchResults> parts) {
    launch(tenant, jobId);
    process(tenant, jobId);
    List<ImageResult> all = new java.util.ArrayList<>();
    for (int shard = 0; shard < parts.size(); shard++) {
      blobStore.put(
          BlobContainer.RESULTS,
          io.biotrack.shard.ShardNames.results(jobId, shard),
          ResultsJson.toBytes(parts.get(shard)));
      all.addAll(parts.get(shard).images());
    }
    BatchResults merged = BatchResults.of(all, parts.get(0).info());
    if (parts.get(0).classificationCategories() != null) {
      merged =
          merged.withClassificationCategories(
              parts.get(0).classificationCategories(),
              parts.get(0).classificationCategoryDescriptions());
    }
    finish(tenant, jobId, merged);
    Job done = jobStore.get(tenant, jobId);
    jobStore.compareAndSet(
        done,
        done.withShards(
            new io.biotrack.job.ShardCounts(parts.size(), 0, parts.size(), 0), clock.instant()));
  }

  /** A worker's progress report while PROCESSING. */
  public Job progress(String tenant, String jobId, int processed) {
    Job job = jobStore.get(tenant, jobId);
    return jobStore.updateProgress(
        tenant, jobId, new JobCounts(job.counts().imageCount(), processed, 0, 0), clock);
  }
}
