package io.biotrack.operator.biojob;

import io.biotrack.shard.Tally;

/** Counts that add up over shards, as the status shows them (core's {@link Tally}). */
public record Counts(long processed, long failed, long detections) {
  public static Counts of(Tally tally) {
    return new Counts(tally.processed(), tally.failed(), tally.detections());
  }

  public Tally toTally() {
    return new Tally(processed, failed, detections);
  }
}
