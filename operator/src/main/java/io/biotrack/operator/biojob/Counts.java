package io.biotrack.operator.biojob;

import io.biotrack.shard.Tally;

/**
 * Counts that add up over shards, as the status shows them (core's {@link Tally}).
 *
 * @param reused images copied from the job's previous job (part of processed); 0 in a status
 *     written before reuse was counted
 */
public record Counts(long processed, long failed, long detections, long reused) {
  public static Counts of(Tally tally) {
    return new Counts(tally.processed(), tally.failed(), tally.detections(), tally.reused());
  }

  public Tally toTally() {
    return new Tally(processed, failed, detections, reused);
  }
}
