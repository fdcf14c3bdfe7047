package io.biotrack.job;

import java.util.Objects;

/**
 * Where a job's model runs and how many images go through it at once, as its workers report them
 * (each shard's progress report; a job's workers share one deployment's settings, so the latest
 * report speaks for all): {@code cpu} or {@code cuda:N}, and the batch size.
 */
public record Inference(String device, int batchSize) {
  public Inference {
    Objects.requireNonNull(device, "device");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
  }

  /** The pair, or null when the device is unknown (an older worker, nothing reported yet). */
  public static Inference ofNullable(String device, int batchSize) {
    return device == null || device.isBlank()
        ? null
        : new Inference(device, Math.max(1, batchSize));
  }
}
