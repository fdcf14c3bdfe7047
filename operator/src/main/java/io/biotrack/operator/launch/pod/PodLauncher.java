package io.biotrack.operator.launch.pod;

import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.biojob.BioJob;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * Runs each attempt as a Pod owned by its BioJob: on an AKS virtual node ({@code virtual-node},
 * which runs it on ACI) or on an ordinary node pool ({@code kubernetes}). The Pod's name is the
 * workload name, so launching an attempt that has a Pod returns that Pod.
 */
public final class PodLauncher implements WorkerLauncher {
  public static final String VIRTUAL_NODE = "virtual-node";
  public static final String KUBERNETES = "kubernetes";

  private final KubernetesClient client;
  private final WorkerPods pods;
  private final BioJob owner;
  private final boolean virtualNode;
  private final WorkerCredentials credentials;

  private PodLauncher(
      KubernetesClient client,
      PodSettings settings,
      BioJob owner,
      boolean virtualNode,
      WorkerCredentials credentials) {
    this.client = client;
    this.pods = new WorkerPods(settings);
    this.owner = owner;
    this.virtualNode = virtualNode;
    this.credentials = credentials;
  }

  /** Pods on AKS virtual nodes, with job-scoped credentials in a Secret. */
  public static PodLauncher virtualNode(
      KubernetesClient client, PodSettings settings, WorkerCredentials credentials, BioJob owner) {
    return new PodLauncher(client, settings, owner, true, credentials);
  }

  /** Pods on ordinary node pools; storage access through the Pod's service account. */
  public static PodLauncher kubernetes(KubernetesClient client, PodSettings settings, BioJob owner) {
    return new PodLauncher(client, settings, owner, false, null);
  }

  @Override
  public String kind() {
    return virtualNode ? VIRTUAL_NODE : KUBERNETES;
  }

  @Override
  public WorkloadHandle launch(LaunchRequest request) {
    String name = request.workloadName();
    Optional<Pod> existing = find(name);
    if (existing.isPresent()) {
      return handle(existing.get());
    }
    if (credentials != null) {
      createOrKeep(pods.secret(request, owner, credentials.issue(request)));
    }
    Pod pod = pods.pod(request, owner, virtualNode, credentials != null);
    try {
      return handle(client.pods().inNamespace(namespace()).resource(pod).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return handle(find(name).orElseThrow(() -> e)); // created meanwhile: the same attempt
      }
      throw e;
    }
  }

  @Override
  public WorkloadStatus status(WorkloadHandle handle) {
    return find(handle.name()).map(PodLauncher::statusOf).orElse(WorkloadStatus.NOT_FOUND);
  }

  @Override
  public void delete(WorkloadHandle handle) {
    client.pods().inNamespace(namespace()).withName(handle.name()).delete();
    if (credentials != null) {
      client.secrets().inNamespace(namespace()).withName(WorkerPods.secretName(handle.name())).delete();
    }
  }

  static WorkloadStatus statusOf(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    Optional<ContainerStatus> worker =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? Optional.empty()
            : pod.getStatus().getContainerStatuses().stream()
                .filter(c -> WorkerPods.CONTAINER.equals(c.getName()))
                .findFirst();
    if ("Succeeded".equals(phase)) {
      return WorkloadStatus.succeeded();
    }
    if ("Failed".equals(phase)) {
      ContainerStateTerminated ended =
          worker.map(c -> c.getState() == null ? null : c.getState().getTerminated()).orElse(null);
      String reason = ended != null && ended.getReason() != null ? ended.getReason() : pod.getStatus().getReason();
      return new WorkloadStatus(
          WorkloadPhase.FAILED, ended != null ? ended.getExitCode() : null, reason);
    }
    if ("Running".equals(phase)) {
      return WorkloadStatus.RUNNING;
    }
    ContainerStateWaiting waiting =
        worker.map(c -> c.getState() == null ? null : c.getState().getWaiting()).orElse(null);
    return new WorkloadStatus(
        WorkloadPhase.WAITING, null, waiting != null ? waiting.getReason() : null);
  }

  private Optional<Pod> find(String name) {
    return Optional.ofNullable(client.pods().inNamespace(namespace()).withName(name).get());
  }

  private void createOrKeep(io.fabric8.kubernetes.api.model.Secret secret) {
    try {
      client.secrets().inNamespace(namespace()).resource(secret).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  private String namespace() {
    return owner.getMetadata().getNamespace();
  }

  private static WorkloadHandle handle(Pod pod, String kind) {
    return new WorkloadHandle(kind, pod.getMetadata().getName(), pod.getMetadata().getUid());
  }

  private WorkloadHandle handle(Pod pod) {
    return handle(pod, kind());
  }
}
