package io.biotrack.operator.biojob;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.launch.WorkloadHandle;

/** A shard attempt's workload while it exists ({@code status.activeShards[].workload}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadRef(String kind, String name, String id) {
  public static WorkloadRef of(WorkloadHandle handle) {
    return handle == null ? null : new WorkloadRef(handle.kind(), handle.name(), handle.id());
  }

  public WorkloadHandle toHandle() {
    return new WorkloadHandle(kind, name, id);
  }
}
