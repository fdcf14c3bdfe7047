package io.biotrack.job;

/**
 * How a started job's shards stand: a shard is a range of the job's manifest, processed by its own
 * workload with its own attempts. {@code total - running - completed - failed} shards wait for a
 * slot (or for their next attempt).
 *
 * @param inference the device and batch size the shards' workers report; null until one has
 */
public record ShardCounts(int total, int running, int completed, int failed, Inference inference) {
  public static final ShardCounts NONE = new ShardCounts(0, 0, 0, 0);

  public ShardCounts(int total, int running, int completed, int failed) {
    this(total, running, completed, failed, null);
  }

  public ShardCounts {
    if (total < 0 || running < 0 || completed < 0 || failed < 0) {
      throw new IllegalArgumentException("shard counts cannot be negative");
    }
    if (running + completed + failed > total) {
      throw new IllegalArgumentException(
          "running + completed + failed shards ("
              + (running + completed + failed)
              + ") cannot exceed the total ("
              + total
              + ")");
    }
  }

  /** Shards neither running nor finished. */
  public int waiting() {
    return total - running - completed - failed;
  }

  public ShardCounts withInference(Inference newInference) {
    return new ShardCounts(total, running, completed, failed, newInference);
  }
}
