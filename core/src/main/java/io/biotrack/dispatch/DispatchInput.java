package io.biotrack.dispatch;

import io.biotrack.job.Job;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.shard.ShardProgress;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one decision round looks at. Observe the workloads and the shards' progress
 * <em>before</em> reading the job record: a record read after them is at least as new.
 *
 * @param job the job record; null when it no longer exists
 * @param workloads the observed state of each running shard's workload, by shard (a shard missing
 *     here counts as NOT_FOUND)
 * @param progress the last progress report of each launched, not completed shard, by shard
 * @param cancelRequested the dispatcher was asked to cancel ({@code BioJob.spec.cancel})
 * @param grant how many new workloads admission lets this job start now
 */
public record DispatchInput(
    Job job,
    DispatchState state,
    Map<Integer, WorkloadStatus> workloads,
    Map<Integer, ShardProgress> progress,
    boolean cancelRequested,
    JobLimits limits,
    int grant,
    Instant now) {

  public DispatchInput {
    Objects.requireNonNull(state, "state");
    workloads = Map.copyOf(workloads);
    progress = Map.copyOf(progress);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(now, "now");
    if (grant < 0) {
      throw new IllegalArgumentException("grant cannot be negative");
    }
  }
}
