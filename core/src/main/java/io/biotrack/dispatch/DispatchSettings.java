package io.biotrack.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * Dispatcher-wide knobs (the operator's and the embedded dispatcher's configuration).
 *
 * @param maxConcurrentWorkloads at most this many jobs hold a workload slot at once (ACI has
 *     regional core quotas); the others wait QUEUED in order
 * @param backoffBase the wait before attempt 2; it doubles for each further attempt
 * @param backoffMax the longest wait between attempts
 * @param pollInterval how often a running or waiting job is looked at again (progress, workload
 *     state, free capacity)
 */
public record DispatchSettings(
    int maxConcurrentWorkloads, Duration backoffBase, Duration backoffMax, Duration pollInterval) {

  public static final DispatchSettings DEFAULTS =
      new DispatchSettings(
          10, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(15));

  public DispatchSettings {
    if (maxConcurrentWorkloads < 1) {
      throw new IllegalArgumentException("maxConcurrentWorkloads must be at least 1");
    }
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("need 0 <= backoffBase <= backoffMax");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
  }

  /** The wait after attempt {@code failedAttempt} failed: base · 2^(attempt−1), capped. */
  public Duration backoffAfter(int failedAttempt) {
    int doublings = Math.max(0, Math.min(failedAttempt - 1, 30));
    Duration wait = backoffBase.multipliedBy(1L << doublings);
    return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
  }
}
