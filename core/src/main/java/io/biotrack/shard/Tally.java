package io.biotrack.shard;

/**
 * Counts that add up over shards: images processed (failures included), failed, detections, and
 * reused (copied from the previous job, part of processed).
 */
public record Tally(long processed, long failed, long detections, long reused) {
  public static final Tally ZERO = new Tally(0, 0, 0);

  public Tally {
    if (processed < 0 || failed < 0 || detections < 0 || reused < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  public Tally(long processed, long failed, long detections) {
    this(processed, failed, detections, 0);
  }

  public Tally plus(Tally other) {
    return new Tally(
        processed + other.processed,
        failed + other.failed,
        detections + other.detections,
        reused + other.reused);
  }
}
