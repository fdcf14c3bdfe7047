package io.biotrack.operator.launch.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** Reads worker Jobs and Pods from the API server: one request per look. */
public final class ApiWorkloadLookup implements WorkloadLookup {
  private final KubernetesClient client;

  public ApiWorkloadLookup(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Job> job(String namespace, String name) {
    return Optional.ofNullable(
        client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
  }

  @Override
  public List<Pod> pods(String namespace, String name) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(WorkerJobs.WORKLOAD_LABEL, name)
        .list()
        .getItems();
  }

  @Override
  public void created(Job job) {
    // The next look asks the API server, which has it.
  }
}
