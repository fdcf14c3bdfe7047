package io.biotrack.operator.launch.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/**
 * Where the Job launchers read their workloads: the operator's informer caches (no request per
 * look), or the API server itself where no informer runs (a launcher used alone).
 */
public interface WorkloadLookup {

  Optional<Job> job(String namespace, String name);

  /** The Pods of worker Job {@code name} (by the {@value WorkerJobs#WORKLOAD_LABEL} label). */
  List<Pod> pods(String namespace, String name);

  /** A Job this operator just created: later looks find it even before the informer has. */
  void created(Job job);
}
