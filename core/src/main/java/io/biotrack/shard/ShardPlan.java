package io.biotrack.shard;

/**
 * How a job's manifest is cut: shard {@code i} is entries {@code [i · size, min(images, (i+1) ·
 * size))}. Contiguous ranges of a manifest sorted by name, so the shards' results, written in shard
 * order, are the whole job's results in name order.
 */
public record ShardPlan(long images, int shardSize) {
  public ShardPlan {
    if (images < 0 || shardSize < 1) {
      throw new IllegalArgumentException("need images >= 0 and shardSize >= 1");
    }
  }

  public int count() {
    return Math.toIntExact((images + shardSize - 1) / shardSize);
  }

  /** The first manifest entry of {@code shard}. */
  public long from(int shard) {
    check(shard);
    return (long) shard * shardSize;
  }

  /** How many entries {@code shard} holds. */
  public int size(int shard) {
    check(shard);
    return (int) Math.min(shardSize, images - from(shard));
  }

  /** "photos 2,001–4,000", 1-based, for messages people read. */
  public String describe(int shard) {
    long first = from(shard) + 1;
    long last = from(shard) + size(shard);
    return "shard "
        + shard
        + " (photos "
        + String.format("%,d", first)
        + "–"
        + String.format("%,d", last)
        + ")";
  }

  private void check(int shard) {
    if (shard < 0 || shard >= count()) {
      throw new IllegalArgumentException("shard " + shard + " is outside 0.." + (count() - 1));
    }
  }
}
