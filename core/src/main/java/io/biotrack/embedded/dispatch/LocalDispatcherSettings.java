package io.biotrack.embedded.dispatch;

import io.biotrack.dispatch.JobLimits;
import io.biotrack.launch.WorkerResources;
import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded dispatcher runs (the policy's own knobs are in {@link
 * io.biotrack.dispatch.DispatchSettings}).
 *
 * @param interval pause between two passes over the queue and the tracked jobs
 * @param intakeBatch queue messages received at once
 * @param intakeVisibility how long a received message stays hidden; one that could not be taken
 *     (unknown job, malformed) comes back after this and goes to the poison queue after {@code
 *     BIOTRACK_MAX_DEQUEUE} receives
 * @param limits every job's limits (attempts, deadline, how long a finished job's record is kept)
 * @param resources what each worker gets; its cpu is the worker's inference thread count
 */
public record LocalDispatcherSettings(
    Duration interval,
    int intakeBatch,
    Duration intakeVisibility,
    JobLimits limits,
    WorkerResources resources) {

  public LocalDispatcherSettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(intakeVisibility, "intakeVisibility");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(resources, "resources");
    if (interval.isNegative() || interval.isZero() || intakeVisibility.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "interval must be positive, intakeVisibility at least 1 s");
    }
    if (intakeBatch < 1 || intakeBatch > 32) {
      throw new IllegalArgumentException("intakeBatch must be between 1 and 32");
    }
  }
}
