package io.biotrack.operator.launch;

import io.biotrack.operator.biojob.BioJob;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Optional;

/**
 * A launcher that tells the operator about its workloads instead of being asked: informers on
 * worker Jobs and Pods, a poll of ACI container groups. A workload that changes makes its BioJob
 * reconcile at once, and the launcher's {@code status} reads what these sources cached.
 */
public interface WorkloadEvents {

  /** Finds a BioJob by the job id its workloads carry. */
  @FunctionalInterface
  interface BioJobIndex {
    Optional<ResourceID> of(String jobId);
  }

  /** The event sources to register with the BioJob controller (called once, before it starts). */
  List<EventSource<?, BioJob>> eventSources(
      EventSourceContext<BioJob> context, BioJobIndex bioJobs);
}
