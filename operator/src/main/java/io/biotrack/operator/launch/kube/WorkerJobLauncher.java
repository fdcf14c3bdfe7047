package io.biotrack.operator.launch.kube;

import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.launch.credentials.WorkerCredentials;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.net.HttpURLConnection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each shard attempt as a {@code batch/v1} Job owned by its BioJob, named after the workload
 * ({@code biotrack-{jobId}-{shard}-{attempt}}), so that cluster tooling (quotas, Kueue, pod failure
 * policies) sees it: on an AKS virtual node ({@code virtual-node}, which runs it on ACI) or on an
 * ordinary node pool ({@code kubernetes}). One Job per attempt, not one Indexed Job per BioJob: the
 * dispatch engine decides every shard's retries for every launcher alike, and an Indexed Job would
 * retry indexes by rules of its own.
 *
 * <p>The worker's credentials for its shard ({@link WorkerCredentials}) travel in a Secret owned by
 * the BioJob and deleted with the workload. State comes from the Job's status and its Pod's
 * container (the exit code), read through a {@link WorkloadLookup} (the operator's informers).
 */
public final class WorkerJobLauncher implements WorkerLauncher {
  public static final String VIRTUAL_NODE = "virtual-node";
  public static final String KUBERNETES = "kubernetes";
  private static final Logger log = LoggerFactory.getLogger(WorkerJobLauncher.class);

  private final KubernetesClient client;
  private final WorkerJobs jobs;
  private final WorkerCredentials credentials;
  private final WorkloadLookup lookup;
  private final BioJob owner;
  private final boolean virtualNode;

  private WorkerJobLauncher(
      KubernetesClient client,
      WorkerJobSettings settings,
      WorkerCredentials credentials,
      WorkloadLookup lookup,
      BioJob owner,
      boolean virtualNode) {
    this.client = client;
    this.jobs = new WorkerJobs(settings);
    this.credentials = credentials;
    this.lookup = lookup;
    this.owner = owner;
    this.virtualNode = virtualNode;
  }

  /** Jobs whose Pods run on AKS virtual nodes. */
  public static WorkerJobLauncher virtualNode(
      KubernetesClient client,
      WorkerJobSettings settings,
      WorkerCredentials credentials,
      WorkloadLookup lookup,
      BioJob owner) {
    return new WorkerJobLauncher(client, settings, credentials, lookup, owner, true);
  }

  /** Jobs on ordinary (optionally GPU) node pools. */
  public static WorkerJobLauncher kubernetes(
      KubernetesClient client,
      WorkerJobSettings settings,
      WorkerCredentials credentials,
      WorkloadLookup lookup,
      BioJob owner) {
    return new WorkerJobLauncher(client, settings, credentials, lookup, owner, false);
  }

  @Override
  public String kind() {
    return virtualNode ? VIRTUAL_NODE : KUBERNETES;
  }

  @Override
  public WorkloadHandle launch(LaunchRequest request) {
    String name = request.workloadName();
    Optional<Job> existing = lookup.job(namespace(), name);
    if (existing.isPresent()) {
      return handle(existing.get());
    }
    // The Secret first: the Pod reads it when it starts. A Secret left by a launch cut short is
    // replaced, so the worker gets fresh tokens.
    Map<String, String> issued = credentials.issue(request);
    client
        .secrets()
        .inNamespace(namespace())
        .resource(jobs.secret(request, owner, issued))
        .createOr(NonDeletingOperation::patch);
    Job job = jobs.job(request, owner, virtualNode, true);
    try {
      Job created = client.batch().v1().jobs().inNamespace(namespace()).resource(job).create();
      lookup.created(created);
      log.info("created Job {} in {}", name, namespace());
      return handle(created);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        // Created meanwhile: the same attempt.
        Job found = client.batch().v1().jobs().inNamespace(namespace()).withName(name).get();
        if (found != null) {
          return handle(found);
        }
      }
      throw e;
    }
  }

  @Override
  public WorkloadStatus status(WorkloadHandle handle) {
    return lookup
        .job(namespace(), handle.name())
        .map(job -> statusOf(job, lookup.pods(namespace(), handle.name())))
        .orElse(WorkloadStatus.NOT_FOUND);
  }

  @Override
  public void delete(WorkloadHandle handle) {
    // Background: the Job's Pod goes too (a Job deleted through the API orphans its Pods by
    // default).
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace())
        .withName(handle.name())
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
    client
        .secrets()
        .inNamespace(namespace())
        .withName(WorkerJobs.secretName(handle.name()))
        .delete();
    credentials.revoke(handle.name());
  }

  /**
   * A worker Job's state: its own conditions and counts first (Complete, Failed), the exit code and
   * reason from its Pod's worker container; before it ended, whether that Pod runs.
   */
  static WorkloadStatus statusOf(Job job, List<Pod> pods) {
    JobStatus status = job.getStatus();
    Optional<ContainerStatus> worker = latest(pods).flatMap(WorkerJobLauncher::workerContainer);
    ContainerStateTerminated ended =
        worker.map(c -> c.getState() == null ? null : c.getState().getTerminated()).orElse(null);
    if (status != null) {
      if (hasCondition(status, "Complete") || positive(status.getSucceeded())) {
        return WorkloadStatus.succeeded();
      }
      Optional<JobCondition> failed = condition(status, "Failed");
      if (failed.isPresent() || positive(status.getFailed())) {
        String reason =
            ended != null && ended.getReason() != null
                ? ended.getReason()
                : failed.map(JobCondition::getReason).orElse(null);
        return new WorkloadStatus(
            WorkloadPhase.FAILED, ended != null ? ended.getExitCode() : null, reason);
      }
    }
    if (ended != null) {
      // The Pod ended and the Job controller has not said so yet.
      return ended.getExitCode() != null && ended.getExitCode() == 0
          ? WorkloadStatus.succeeded()
          : new WorkloadStatus(WorkloadPhase.FAILED, ended.getExitCode(), ended.getReason());
    }
    Optional<Pod> pod = latest(pods);
    if (pod.isPresent()
        && pod.get().getStatus() != null
        && "Running".equals(pod.get().getStatus().getPhase())) {
      return WorkloadStatus.RUNNING;
    }
    ContainerStateWaiting waiting =
        worker.map(c -> c.getState() == null ? null : c.getState().getWaiting()).orElse(null);
    String reason =
        waiting != null
            ? waiting.getReason()
            : Boolean.TRUE.equals(job.getSpec() == null ? null : job.getSpec().getSuspend())
                ? "Suspended"
                : null;
    return new WorkloadStatus(WorkloadPhase.WAITING, null, reason);
  }

  private static Optional<Pod> latest(List<Pod> pods) {
    return pods.stream()
        .max(
            Comparator.comparing(
                p ->
                    p.getMetadata().getCreationTimestamp() == null
                        ? ""
                        : p.getMetadata().getCreationTimestamp()));
  }

  private static Optional<ContainerStatus> workerContainer(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> WorkerJobs.CONTAINER.equals(c.getName()))
        .findFirst();
  }

  private static boolean hasCondition(JobStatus status, String type) {
    return condition(status, type).isPresent();
  }

  private static Optional<JobCondition> condition(JobStatus status, String type) {
    return status.getConditions() == null
        ? Optional.empty()
        : status.getConditions().stream()
            .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
  }

  private static boolean positive(Integer count) {
    return count != null && count > 0;
  }

  private String namespace() {
    return owner.getMetadata().getNamespace();
  }

  private WorkloadHandle handle(Job job) {
    return new WorkloadHandle(kind(), job.getMetadata().getName(), job.getMetadata().getUid());
  }
}
