package io.biotrack.job;

/**
 * What a user may choose per job.
 *
 * @param confidenceThreshold detections below this confidence are not written; MegaDetector's
 *     own output threshold (0.005) by default, so results match its batch output
 */
public record JobOptions(double confidenceThreshold) {
  public static final double DEFAULT_CONFIDENCE_THRESHOLD = 0.005;
  public static final JobOptions DEFAULTS = new JobOptions(DEFAULT_CONFIDENCE_THRESHOLD);

  public JobOptions {
    if (!(confidenceThreshold >= 0.0 && confidenceThreshold <= 1.0)) {
      throw new IllegalArgumentException(
          "confidenceThreshold must be between 0 and 1, was " + confidenceThreshold);
    }
  }
}
