package io.biotrack.operator.launch.kube;

import static io.biotrack.operator.OperatorHarness.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.contract.WorkerLauncherContract;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.JobControllerStandIn;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.shard.ShardTask;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Job launchers on fabric8's mock server (CRUD): the launcher contract, then what only they do
 * — a batch/v1 Job per shard attempt owned by the BioJob, the hardened Pod template, the placement
 * of each kind, and the worker's credentials in a Secret that goes with the workload.
 */
@EnableKubernetesMockClient(crud = true)
class WorkerJobLauncherIT extends WorkerLauncherContract {
  KubernetesClient client;
  BioJob owner;
  WorkerJobLauncher launcher;
  JobControllerStandIn controller;
  List<String> revoked = new ArrayList<>();

  final io.biotrack.operator.launch.credentials.WorkerCredentials credentials =
      new io.biotrack.operator.launch.credentials.WorkerCredentials() {
        @Override
        public Map<String, String> issue(LaunchRequest request) {
          return Map.of("BIOTRACK_JOB_ACCESS", "credentials-for-" + request.workloadName());
        }

        @Override
        public void revoke(String workloadName) {
          revoked.add(workloadName);
        }
      };

  @BeforeEach
  void createOwner() {
    OperatorHarness.createCrd(client);
    BioJob resource = new BioJob();
    resource.setMetadata(
        new ObjectMetaBuilder().withName(BioJob.nameFor(jobId)).withNamespace(NAMESPACE).build());
    resource.setSpec(
        new BioJobSpec(
            jobId, "acme", 300, null, null, Launcher.KUBERNETES, null, null, null, null, null));
    owner = client.resources(BioJob.class).inNamespace(NAMESPACE).resource(resource).create();
    launcher = kubernetes();
    controller = new JobControllerStandIn(client, NAMESPACE);
  }

  WorkerJobLauncher kubernetes() {
    return WorkerJobLauncher.kubernetes(
        client, OperatorHarness.jobSettings(), credentials, new ApiWorkloadLookup(client), owner);
  }

  WorkerJobLauncher virtualNode() {
    return WorkerJobLauncher.virtualNode(
        client, OperatorHarness.jobSettings(), credentials, new ApiWorkloadLookup(client), owner);
  }

  @Override
  protected WorkerLauncher launcher() {
    return launcher;
  }

  @Override
  protected void platformRuns(WorkloadHandle handle) {
    controller.running(handle.name());
  }

  @Override
  protected void platformEnds(WorkloadHandle handle, int exitCode) {
    controller.ended(handle.name(), exitCode);
  }

  @Override
  protected Set<String> workloads() {
    return client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().stream()
        .map(j -> j.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  @Override
  protected Map<String, String> environmentOf(WorkloadHandle handle) {
    Map<String, String> env = env(container(job(handle.name())));
    env.putAll(secretData(secret(handle.name())));
    return env;
  }

  Job job(String name) {
    return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
  }

  Secret secret(String workload) {
    return client.secrets().inNamespace(NAMESPACE).withName(workload + "-credentials").get();
  }

  static Container container(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b, HashMap::new));
  }

  static Map<String, String> secretData(Secret secret) {
    if (secret.getStringData() != null && !secret.getStringData().isEmpty()) {
      return secret.getStringData();
    }
    return secret.getData().entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> new String(Base64.getDecoder().decode(e.getValue()))));
  }

  LaunchRequest request(int shard, int attempt, WorkerResources resources, String model) {
    return new LaunchRequest(
        new ShardTask(jobId, "acme", "0123456789abcdef", shard, shard * 100L, 100, attempt, 0.2),
        resources,
        model);
  }

  @Test
  void aShardAttemptIsOneJobOwnedByItsBioJobThatKubernetesNeverRetries() {
    WorkloadHandle handle =
        launcher.launch(request(4, 2, new WorkerResources(1.5, 6, 0), "md_v5a.0.0.torchscript"));

    Job job = job(handle.name());
    assertThat(handle)
        .isEqualTo(
            new WorkloadHandle(
                "kubernetes", "biotrack-" + jobId + "-4-2", job.getMetadata().getUid()));
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getKind()).isEqualTo("BioJob");
              assertThat(ref.getApiVersion()).isEqualTo("biotrack.io/v1alpha1");
              assertThat(ref.getName()).isEqualTo("job-" + jobId);
              assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
              assertThat(ref.getController()).isTrue();
            });
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getCompletions()).isEqualTo(1);
    assertThat(job.getSpec().getParallelism()).isEqualTo(1);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull(); // the operator deletes it
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isNull(); // the BioJob's deadline applies
    assertThat(job.getSpec().getCompletionMode()).isNotEqualTo("Indexed");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("biotrack.io/job-id", jobId)
        .containsEntry("biotrack.io/shard", "4")
        .containsEntry("biotrack.io/attempt", "2")
        .containsEntry("biotrack.io/workload", handle.name());
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "biotrack-worker")
        .containsEntry("biotrack.io/workload", handle.name());

    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isNull(); // workers hold no identity
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("agentpool", "gpu"));
    Container worker = container(job);
    assertThat(worker.getImage()).isEqualTo("biotrack.azurecr.io/biotrack-worker:0.1.0");
    assertThat(worker.getCommand())
        .containsExactly("java", "-jar", "/app/biotrack-worker.jar", "run-job");
    assertThat(worker.getResources().getRequests())
        .containsEntry("cpu", new Quantity("1.5"))
        .containsEntry("memory", new Quantity("6144Mi"));
    assertThat(env(worker))
        .containsEntry("BIOTRACK_MODEL", "/models/md_v5a.0.0.torchscript")
        .containsEntry("BIOTRACK_STORAGE", "azure")
        .doesNotContainKeys(
            "BIOTRACK_AZURE_CONNECTION_STRING",
            "BIOTRACK_AZURE_BLOB_ENDPOINT",
            "BIOTRACK_AZURE_TABLE_ENDPOINT",
            "BIOTRACK_JOB_ACCESS",
            "AZURE_CLIENT_ID");
    assertThat(worker.getVolumeMounts())
        .filteredOn(m -> m.getName().equals("models"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/models");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertHardened(pod, worker);
  }

  @Test
  void theWorkersCredentialsTravelInASecretThatGoesWithTheWorkload() {
    WorkloadHandle handle = launcher.launch(request(0, 1, WorkerResources.DEFAULT, "m"));

    String secretName = handle.name() + "-credentials";
    assertThat(container(job(handle.name())).getEnvFrom())
        .singleElement()
        .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo(secretName));
    Secret secret = secret(handle.name());
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid()));
    assertThat(secretData(secret))
        .containsOnly(Map.entry("BIOTRACK_JOB_ACCESS", "credentials-for-" + handle.name()));

    launcher.delete(handle);
    assertThat(job(handle.name())).isNull();
    assertThat(secret(handle.name())).isNull();
    assertThat(revoked).containsExactly(handle.name());
  }

  @Test
  void aVirtualNodeJobIsPlacedOnTheVirtualNode() {
    WorkloadHandle handle = virtualNode().launch(request(0, 1, new WorkerResources(2, 4, 0), "m"));

    assertThat(handle.kind()).isEqualTo("virtual-node");
    PodSpec pod = job(handle.name()).getSpec().getTemplate().getSpec();
    assertThat(pod.getNodeSelector())
        .isEqualTo(
            Map.of(
                "kubernetes.io/role",
                "agent",
                "kubernetes.io/os",
                "linux",
                "type",
                "virtual-kubelet"));
    assertThat(pod.getTolerations())
        .extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("virtual-kubelet.io/provider", "Exists", null),
            org.assertj.core.groups.Tuple.tuple("azure.com/aci", "Exists", "NoSchedule"));
    assertThat(container(job(handle.name())).getResources().getLimits())
        .doesNotContainKey("nvidia.com/gpu");
    assertHardened(pod, container(job(handle.name())));
  }

  @Test
  void aGpuWorkerAsksForGpusAndToleratesTheGpuPool() {
    WorkloadHandle handle =
        launcher.launch(request(0, 1, new WorkerResources(8, 32, 1), "md_v5b.0.0.torchscript"));

    PodSpec pod = job(handle.name()).getSpec().getTemplate().getSpec();
    assertThat(pod.getTolerations())
        .extracting(Toleration::getKey)
        .containsExactly("nvidia.com/gpu");
    Container worker = container(job(handle.name()));
    assertThat(worker.getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("cpu", new Quantity("8"))
        .containsEntry("memory", new Quantity("32768Mi"));
    assertThat(env(worker)).containsEntry("BIOTRACK_THREADS", "8");
  }

  @Test
  void extraJobLabelsLetClusterToolingQueueTheJobs() {
    WorkerJobSettings queued =
        new WorkerJobSettings(
            "img:1",
            List.of("run-job"),
            Map.of("BIOTRACK_STORAGE", "azure"),
            "modelcache",
            "secret",
            "/models",
            Map.of(),
            Map.of("kueue.x-k8s.io/queue-name", "biotrack"));
    WorkloadHandle handle =
        WorkerJobLauncher.kubernetes(
                client, queued, credentials, new ApiWorkloadLookup(client), owner)
            .launch(request(0, 1, WorkerResources.DEFAULT, "m"));

    assertThat(job(handle.name()).getMetadata().getLabels())
        .containsEntry("kueue.x-k8s.io/queue-name", "biotrack")
        .containsEntry("biotrack.io/workload", handle.name());
  }

  @Test
  void theReasonComesFromThePodAndASuspendedJobWaits() {
    WorkloadHandle handle = launcher.launch(request(0, 1, WorkerResources.DEFAULT, "m"));
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NAMESPACE)
        .withName(handle.name())
        .edit(
            j -> {
              j.getSpec().setSuspend(true);
              return j;
            });
    assertThat(launcher.status(handle))
        .isEqualTo(new WorkloadStatus(WorkloadPhase.WAITING, null, "Suspended"));

    controller.ended(handle.name(), 137);
    WorkloadStatus failed = launcher.status(handle);
    assertThat(failed.phase()).isEqualTo(WorkloadPhase.FAILED);
    assertThat(failed.exitCode()).isEqualTo(137);
    assertThat(failed.reason()).isEqualTo("Error");
  }

  /**
   * Non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault
   * seccomp; the worker writes only to emptyDirs: /tmp and the directory DJL extracts libtorch to.
   */
  static void assertHardened(PodSpec pod, Container worker) {
    var podSecurity = pod.getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isEqualTo(10001L);
    assertThat(podSecurity.getRunAsGroup()).isEqualTo(10001L);
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);

    var security = worker.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getPrivileged()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    Map<String, String> emptyDirs =
        pod.getVolumes().stream()
            .filter(v -> v.getEmptyDir() != null)
            .collect(
                Collectors.toMap(v -> v.getName(), v -> v.getEmptyDir().getSizeLimit().toString()));
    assertThat(emptyDirs).containsOnlyKeys("tmp", "djl-cache");
    Map<String, String> writable =
        worker.getVolumeMounts().stream()
            .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
            .collect(Collectors.toMap(m -> m.getMountPath(), m -> m.getName()));
    assertThat(writable)
        .containsOnly(Map.entry("/tmp", "tmp"), Map.entry("/var/cache/biotrack/djl", "djl-cache"));
    assertThat(env(worker))
        .containsEntry("DJL_CACHE_DIR", "/var/cache/biotrack/djl")
        .containsEntry("ENGINE_CACHE_DIR", "/var/cache/biotrack/djl");
  }
}
