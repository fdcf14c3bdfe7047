package io.biotrack.operator.launch.pod;

import static io.biotrack.operator.OperatorHarness.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.job.JobIds;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.Launcher;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PodLauncherIT {
  KubernetesClient client;
  BioJob owner;
  String jobId;

  @BeforeEach
  void createOwner() {
    OperatorHarness.createCrd(client);
    jobId = JobIds.system().next();
    BioJob resource = new BioJob();
    resource.setMetadata(new ObjectMetaBuilder().withName(BioJob.nameFor(jobId)).withNamespace(NAMESPACE).build());
    resource.setSpec(new BioJobSpec(jobId, "acme", 3, null, null, Launcher.VIRTUAL_NODE, null, null, null, null, null));
    owner = client.resources(BioJob.class).inNamespace(NAMESPACE).resource(resource).create();
  }

  static Map<String, String> env(Container container) {
    return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void aVirtualNodePodIsPlacedOnTheVirtualNodeWithJobScopedCredentials() {
    WorkerCredentials credentials =
        request -> Map.of("BIOTRACK_JOB_ACCESS", "sas-for-" + request.jobId());
    PodLauncher launcher =
        PodLauncher.virtualNode(client, OperatorHarness.podSettings(), credentials, owner);

    WorkloadHandle handle =
        launcher.launch(new LaunchRequest(jobId, "acme", 2, new WorkerResources(1.5, 6, 0), "md_v5a.0.0.torchscript"));

    Pod pod = client.pods().inNamespace(NAMESPACE).withName("biotrack-" + jobId + "-2").get();
    assertThat(handle).isEqualTo(new WorkloadHandle("virtual-node", "biotrack-" + jobId + "-2", pod.getMetadata().getUid()));
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("BioJob");
      assertThat(ref.getApiVersion()).isEqualTo("biotrack.io/v1alpha1");
      assertThat(ref.getName()).isEqualTo("job-" + jobId);
      assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
      assertThat(ref.getController()).isTrue();
    });
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("biotrack.io/job-id", jobId).containsEntry("biotrack.io/attempt", "2");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSpec().getServiceAccountName()).isNull();
    assertThat(pod.getSpec().getNodeSelector()).isEqualTo(Map.of(
        "kubernetes.io/role", "agent", "kubernetes.io/os", "linux", "type", "virtual-kubelet"));
    assertThat(pod.getSpec().getTolerations()).extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("virtual-kubelet.io/provider", "Exists", null),
            org.assertj.core.groups.Tuple.tuple("azure.com/aci", "Exists", "NoSchedule"));

    Container worker = pod.getSpec().getContainers().get(0);
    assertThat(worker.getImage()).isEqualTo("biotrack.azurecr.io/biotrack-worker:0.1.0");
    assertThat(worker.getCommand()).containsExactly("java", "-jar", "/app/biotrack-worker.jar", "run-job");
    assertThat(worker.getResources().getRequests())
        .containsEntry("cpu", new Quantity("1.5")).containsEntry("memory", new Quantity("6144Mi"));
    assertThat(worker.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(env(worker))
        .containsEntry("BIOTRACK_JOB_ID", jobId).containsEntry("BIOTRACK_TENANT", "acme")
        .containsEntry("BIOTRACK_ATTEMPT", "2").containsEntry("BIOTRACK_THREADS", "2")
        .containsEntry("BIOTRACK_MODEL", "/models/md_v5a.0.0.torchscript")
        .containsEntry("BIOTRACK_STORAGE", "azure")
        .doesNotContainKeys("BIOTRACK_AZURE_CONNECTION_STRING", "BIOTRACK_JOB_ACCESS");
    assertThat(worker.getVolumeMounts()).filteredOn(m -> m.getName().equals("models")).singleElement()
        .satisfies(m -> {
          assertThat(m.getMountPath()).isEqualTo("/models");
          assertThat(m.getReadOnly()).isTrue();
        });
    assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getAzureFile() != null).singleElement()
        .satisfies(v -> {
          assertThat(v.getName()).isEqualTo("models");
          assertThat(v.getAzureFile().getShareName()).isEqualTo("modelcache");
          assertThat(v.getAzureFile().getSecretName()).isEqualTo("modelcache-mount");
          assertThat(v.getAzureFile().getReadOnly()).isTrue();
        });
    assertHardened(pod);

    // The credentials travel in a Secret owned by the BioJob, referenced, never inlined.
    String secretName = "biotrack-" + jobId + "-2-credentials";
    assertThat(worker.getEnvFrom()).singleElement()
        .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo(secretName));
    Secret secret = client.secrets().inNamespace(NAMESPACE).withName(secretName).get();
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid()));
    assertThat(secret.getStringData() != null ? secret.getStringData() : decoded(secret.getData()))
        .containsEntry("BIOTRACK_JOB_ACCESS", "sas-for-" + jobId);

    launcher.delete(handle);
    assertThat(client.pods().inNamespace(NAMESPACE).withName(handle.name()).get()).isNull();
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(secretName).get()).isNull();
  }

  static Map<String, String> decoded(Map<String, String> data) {
    return data.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> new String(java.util.Base64.getDecoder().decode(e.getValue()))));
  }

  @Test
  void aKubernetesPodUsesTheConfiguredPoolServiceAccountAndGpus() {
    PodLauncher launcher = PodLauncher.kubernetes(client, OperatorHarness.podSettings(), owner);

    launcher.launch(new LaunchRequest(jobId, "acme", 1, new WorkerResources(8, 32, 1), "md_v5b.0.0.torchscript"));

    Pod pod = client.pods().inNamespace(NAMESPACE).withName("biotrack-" + jobId + "-1").get();
    assertThat(pod.getSpec().getNodeSelector()).isEqualTo(Map.of("agentpool", "gpu"));
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("biotrack-worker");
    assertThat(pod.getMetadata().getLabels()).containsEntry("azure.workload.identity/use", "true");
    assertThat(pod.getSpec().getTolerations()).extracting(Toleration::getKey).containsExactly("nvidia.com/gpu");
    Container worker = pod.getSpec().getContainers().get(0);
    assertThat(worker.getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("cpu", new Quantity("8")).containsEntry("memory", new Quantity("32768Mi"));
    assertThat(worker.getEnvFrom()).isNullOrEmpty();
    assertThat(env(worker)).containsEntry("BIOTRACK_THREADS", "8");
    assertHardened(pod);
  }

  /**
   * Non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault
   * seccomp; the worker writes only to emptyDirs: /tmp and the directory DJL extracts libtorch to.
   */
  static void assertHardened(Pod pod) {
    var podSecurity = pod.getSpec().getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isEqualTo(10001L);
    assertThat(podSecurity.getRunAsGroup()).isEqualTo(10001L);
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getSpec().getHostPID()).isNotEqualTo(Boolean.TRUE);

    Container worker = pod.getSpec().getContainers().get(0);
    var security = worker.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getPrivileged()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    Map<String, String> emptyDirs = pod.getSpec().getVolumes().stream()
        .filter(v -> v.getEmptyDir() != null)
        .collect(Collectors.toMap(v -> v.getName(), v -> v.getEmptyDir().getSizeLimit().toString()));
    assertThat(emptyDirs).containsOnlyKeys("tmp", "djl-cache");
    Map<String, String> writable = worker.getVolumeMounts().stream()
        .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
        .collect(Collectors.toMap(m -> m.getMountPath(), m -> m.getName()));
    assertThat(writable)
        .containsOnly(Map.entry("/tmp", "tmp"), Map.entry("/var/cache/biotrack/djl", "djl-cache"));
    assertThat(env(worker))
        .containsEntry("DJL_CACHE_DIR", "/var/cache/biotrack/djl")
        .containsEntry("ENGINE_CACHE_DIR", "/var/cache/biotrack/djl");
  }

  @Test
  void launchingAnAttemptAgainReturnsItsPod() {
    PodLauncher launcher = PodLauncher.kubernetes(client, OperatorHarness.podSettings(), owner);
    LaunchRequest request = new LaunchRequest(jobId, "acme", 1, WorkerResources.DEFAULT, "m");

    WorkloadHandle first = launcher.launch(request);
    WorkloadHandle again = PodLauncher.kubernetes(client, OperatorHarness.podSettings(), owner).launch(request);

    assertThat(again).isEqualTo(first);
    assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
  }

  @Test
  void reportsThePodsPhaseAndTheWorkersExitCode() {
    PodLauncher launcher = PodLauncher.kubernetes(client, OperatorHarness.podSettings(), owner);
    WorkloadHandle handle = launcher.launch(new LaunchRequest(jobId, "acme", 1, WorkerResources.DEFAULT, "m"));
    var harness = new java.util.function.BiConsumer<String, Integer>() {
      public void accept(String phase, Integer exit) {
        client.pods().inNamespace(NAMESPACE).withName(handle.name()).editStatus(p -> {
          var state = new io.fabric8.kubernetes.api.model.ContainerStateBuilder();
          if (exit != null) {
            state.withNewTerminated().withExitCode(exit).withReason("OOMKilled").endTerminated();
          } else {
            state.withNewWaiting().withReason("ImagePullBackOff").endWaiting();
          }
          p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(phase)
              .addNewContainerStatus().withName("worker").withState(state.build()).endContainerStatus().build());
          return p;
        });
      }
    };

    assertThat(launcher.status(handle).phase()).isEqualTo(WorkloadPhase.WAITING);
    harness.accept("Pending", null);
    assertThat(launcher.status(handle)).isEqualTo(new WorkloadStatus(WorkloadPhase.WAITING, null, "ImagePullBackOff"));
    harness.accept("Failed", 137);
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.failed(137, "OOMKilled"));
    launcher.delete(handle);
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.NOT_FOUND);
  }
}
