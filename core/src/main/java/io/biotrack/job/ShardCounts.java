package io.biotrack.job;

/**
 * How a started job's shards stand: a shard is a range of the job's manifest, processed by its
 * own workload with its own attempts. {@code total - running - completed - failed} shards wait
 * for a slot (or for their next attempt).
 */
public record ShardCounts(int total, int running, int completed, int failed) {
  public static final ShardCounts NONE = new ShardCounts(0, 0, 0, 0);

  public ShardCounts {
    if (total < 0 || running < 0 || completed < 0 || failed < 0) {
      throw new IllegalArgumentException("shard counts cannot be negative");
    }
    if (running + completed + failed > total) {
      throw new IllegalArgumentException(
          "running + completed + failed shards (" + (running + completed + failed)
              + ") cannot exceed the total (" + total + ")");
    }
  }

  /** Shards neither running nor finished. */
  public int waiting() {
    return total - running - completed - failed;
  }
}
