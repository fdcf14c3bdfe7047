package io.biotrack.operator;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Plays what fabric8's mock server lacks for worker Jobs: the Job controller (it makes the Job's
 * Pod from its template, and sets the Job's status) and the kubelet (the Pod's container runs or
 * ends with an exit code).
 */
public final class JobControllerStandIn {
  private final KubernetesClient client;
  private final String namespace;

  public JobControllerStandIn(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The Job's Pod runs. */
  public void running(String jobName) {
    setPod(jobName, "Running", null);
    setJobStatus(jobName, status -> status.withActive(1).withReady(1));
  }

  /**
   * The Job's worker ended with {@code exitCode}: its container terminated, the Job Complete or
   * Failed (backoffLimit 0). A Job already deleted is left alone.
   */
  public void ended(String jobName, int exitCode) {
    try {
      setPod(jobName, exitCode == 0 ? "Succeeded" : "Failed", exitCode);
      String now = Instant.now().toString();
      setJobStatus(
          jobName,
          status ->
              (exitCode == 0 ? status.withSucceeded(1) : status.withFailed(1))
                  .withActive(0)
                  .withConditions(
                      new JobConditionBuilder()
                          .withType(exitCode == 0 ? "Complete" : "Failed")
                          .withStatus("True")
                          .withReason(exitCode == 0 ? null : "BackoffLimitExceeded")
                          .withLastTransitionTime(now)
                          .build()));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void setJobStatus(String name, UnaryOperator<JobStatusBuilder> edit) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            job -> {
              JobStatus current = job.getStatus() == null ? new JobStatus() : job.getStatus();
              job.setStatus(edit.apply(new JobStatusBuilder(current)).build());
              return job;
            });
  }

  private void setPod(String jobName, String phase, Integer exitCode) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
    if (job == null) {
      throw new KubernetesClientException("no Job " + jobName, 404, null);
    }
    String podName = jobName + "-pod";
    var state = new ContainerStateBuilder();
    if (exitCode == null) {
      state.withNewRunning().withStartedAt(Instant.now().toString()).endRunning();
    } else {
      state
          .withNewTerminated()
          .withExitCode(exitCode)
          .withReason(exitCode == 0 ? "Completed" : "Error")
          .endTerminated();
    }
    var status =
        new PodStatusBuilder()
            .withPhase(phase)
            .withContainerStatuses(
                new ContainerStatusBuilder().withName("worker").withState(state.build()).build())
            .build();
    if (client.pods().inNamespace(namespace).withName(podName).get() == null) {
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName(podName)
              .withNamespace(namespace)
              .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
              .withOwnerReferences(
                  new OwnerReferenceBuilder()
                      .withApiVersion("batch/v1")
                      .withKind("Job")
                      .withName(jobName)
                      .withUid(job.getMetadata().getUid())
                      .withController(true)
                      .build())
              .endMetadata()
              .withSpec(job.getSpec().getTemplate().getSpec())
              .build();
      client.pods().inNamespace(namespace).resource(pod).create();
    }
    client
        .pods()
        .inNamespace(namespace)
        .withName(podName)
        .editStatus(
            pod -> {
              pod.setStatus(status);
              return pod;
            });
  }
}
