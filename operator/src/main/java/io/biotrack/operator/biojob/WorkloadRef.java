package io.biotrack.operator.biojob;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.launch.WorkloadHandle;

/**
 * A shard attempt's workload while it exists ({@code status.activeShards[].workload}): its launcher
 * and deterministic name, all a launcher needs to find it. The platform's own id (a Job's uid, an
 * ARM resource id) is left out: a launch is written ahead with the name only, and keeping the id
 * would cost a second status write per launch for nothing the operator reads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadRef(String kind, String name) {
  public static WorkloadRef of(WorkloadHandle handle) {
    return handle == null ? null : new WorkloadRef(handle.kind(), handle.name());
  }

  public WorkloadHandle toHandle() {
    return new WorkloadHandle(kind, name, null);
  }
}
