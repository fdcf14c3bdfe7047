package io.biotrack.dispatch;

import java.time.Duration;

/**
 * Per-job limits ({@code BioJob.spec} in the operator, defaults in embedded mode).
 *
 * @param maxAttempts how many workloads may be launched for the job, the first included
 * @param activeDeadline the job fails this long after it was admitted; null for no deadline
 * @param ttlAfterFinished the dispatcher forgets a finished job after this long; null to keep it
 */
public record JobLimits(int maxAttempts, Duration activeDeadline, Duration ttlAfterFinished) {
  public static final JobLimits DEFAULTS = new JobLimits(3, null, null);

  public JobLimits {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (activeDeadline != null && (activeDeadline.isNegative() || activeDeadline.isZero())) {
      throw new IllegalArgumentException("activeDeadline must be positive");
    }
    if (ttlAfterFinished != null && ttlAfterFinished.isNegative()) {
      throw new IllegalArgumentException("ttlAfterFinished cannot be negative");
    }
  }
}
