package io.biotrack.dispatch;

import io.biotrack.job.Job;
import io.biotrack.launch.WorkloadStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything one decision looks at. Observe the workload <em>before</em> reading the job record: a
 * worker writes COMPLETED (or FAILED) before it exits, so a record read after the exit already
 * shows why it exited.
 *
 * @param job the job record; null when it no longer exists
 * @param workload the observed state of {@code state.workload()}; NOT_FOUND when there is none
 * @param cancelRequested the dispatcher was asked to cancel ({@code BioJob.spec.cancel})
 * @param capacity only looked at while the job waits for admission
 */
public record DispatchInput(
    Job job,
    DispatchState state,
    WorkloadStatus workload,
    boolean cancelRequested,
    JobLimits limits,
    Capacity capacity,
    Instant now) {

  public DispatchInput {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(now, "now");
  }
}
