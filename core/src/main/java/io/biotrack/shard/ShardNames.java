package io.biotrack.shard;

import io.biotrack.storage.BlobNames;

/**
 * Where a shard's outputs live in the results container, and its workloads' names:
 *
 * <pre>
 * {jobId}/shards/{shard}/checkpoint.json   resume point (MegaDetector's checkpoint format)
 * {jobId}/shards/{shard}/progress.json     counts so far; "complete" once results.json is whole
 * {jobId}/shards/{shard}/results.json      the shard's results, a MegaDetector file of its own
 * {jobId}/shards/{shard}/contents.txt      its photos' digests and entries (ContentIndex), sorted
 * {jobId}/shards/{shard}/access-{attempt}.json   a remote worker's file list (read URLs), written
 *                                                by the operator with the attempt's credentials
 * </pre>
 *
 * Shard numbers are five digits, so the blobs of a job list in shard order.
 */
public final class ShardNames {
  private ShardNames() {}

  public static String prefix(String jobId) {
    return BlobNames.jobPrefix(jobId) + "shards/";
  }

  public static String folder(String jobId, int shard) {
    return prefix(jobId) + String.format("%05d", shard) + "/";
  }

  public static String checkpoint(String jobId, int shard) {
    return folder(jobId, shard) + "checkpoint.json";
  }

  public static String progress(String jobId, int shard) {
    return folder(jobId, shard) + "progress.json";
  }

  public static String results(String jobId, int shard) {
    return folder(jobId, shard) + "results.json";
  }

  /** The shard's part of the job's content index; written before its results. */
  public static String contents(String jobId, int shard) {
    return folder(jobId, shard) + "contents.txt";
  }

  /** The file list of attempt {@code attempt}'s job-scoped credentials (Azure workers). */
  public static String access(String jobId, int shard, int attempt) {
    return folder(jobId, shard) + "access-" + attempt + ".json";
  }

  /** {@code biotrack-{jobId}-{shard}-{attempt}}: unique per attempt, 63 characters at most. */
  public static String workload(String jobId, int shard, int attempt) {
    if (attempt < 1 || shard < 0) {
      throw new IllegalArgumentException("attempts count from 1, shards from 0");
    }
    return "biotrack-" + jobId + "-" + shard + "-" + attempt;
  }
}
