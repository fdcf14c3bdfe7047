package io.biotrack.dispatch;

import io.biotrack.job.JobStatus;
import io.biotrack.launch.WorkloadHandle;
import java.time.Duration;

/**
 * What a dispatcher does next for one job. Each decision is one step; after acting, the dispatcher
 * observes again and decides again, so a crash between steps loses nothing.
 */
public sealed interface Decision {

  /** True when the next decision can be taken at once, without waiting for the world. */
  default boolean continues() {
    return !(this instanceof Wait) && !(this instanceof Remove);
  }

  /**
   * Make attempt {@code attempt} run: move the record to LAUNCHING with this attempt unless it is
   * there already, then launch its workload (idempotent by the deterministic name).
   */
  record Launch(int attempt) implements Decision {}

  /** Nothing to do now; look again after {@code recheckAfter} (null: only when something changes). */
  record Wait(String reason, Duration recheckAfter) implements Decision {}

  /**
   * Delete the workload (cost stops) and note that its attempt ended.
   *
   * @param failure why the attempt failed; null when it ended because the job did
   */
  record EndAttempt(WorkloadHandle workload, String failure) implements Decision {}

  /** Move the job record to FAILED with this message. */
  record Fail(String message) implements Decision {}

  /** Move the job record to CANCELLED (a cancel requested on the dispatcher's side). */
  record Cancel(String message) implements Decision {}

  /** The job reached {@code outcome} and has no workload left: note it (events, TTL start). */
  record Finish(JobStatus outcome) implements Decision {}

  /** Forget the job: delete its BioJob / dispatch record. */
  record Remove(String reason) implements Decision {}
}
