package io.biotrack.operator.launch.kube;

import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerEnvironment;
import io.biotrack.launch.WorkerResources;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.species.SpeciesNetFolder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds worker Jobs (one batch/v1 Job per shard attempt, {@code backoffLimit: 0}: the dispatch
 * engine decides retries) and their credential Secrets, both owned by their BioJob.
 *
 * <p>Their Pods run hardened, as the chart's own Pods do: as the worker image's non-root user,
 * read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp. The
 * worker writes only to two emptyDirs: {@value #TMP_PATH} (the JVM's temporary files) and {@value
 * #NATIVE_CACHE_PATH}, where DJL extracts libtorch (~430 MB, once per Pod), named by {@code
 * DJL_CACHE_DIR} and {@code ENGINE_CACHE_DIR}.
 */
final class WorkerJobs {
  static final String CONTAINER = "worker";

  /** On worker Jobs and their Pods: the workload (Job) name. */
  static final String WORKLOAD_LABEL = "biotrack.io/workload";

  static final String JOB_ID_LABEL = "biotrack.io/job-id";

  /** What the operator's informers select: worker Jobs and Pods. */
  static final String WORKER_SELECTOR =
      "app.kubernetes.io/name=biotrack-worker,app.kubernetes.io/managed-by=biotrack-operator";

  static final String MODEL_VOLUME = "models";
  static final String TMP_VOLUME = "tmp";
  static final String TMP_PATH = "/tmp";
  static final String NATIVE_CACHE_VOLUME = "djl-cache";
  static final String NATIVE_CACHE_PATH = "/var/cache/biotrack/djl";
  static final String GPU_RESOURCE = "nvidia.com/gpu";

  /** The worker image's user and group (Dockerfile: {@code USER 10001:10001}). */
  static final long WORKER_UID = 10001;

  /** Room for the extracted libtorch (CPU ~430 MB; the CUDA build is several times larger). */
  private static final Quantity NATIVE_CACHE_LIMIT = new Quantity("4Gi");

  private static final Quantity TMP_LIMIT = new Quantity("1Gi");

  private final WorkerJobSettings settings;

  WorkerJobs(WorkerJobSettings settings) {
    this.settings = settings;
  }

  static String secretName(String workloadName) {
    return workloadName + "-credentials";
  }

  /**
   * The Job of one shard attempt: one Pod, never restarted or retried by Kubernetes, no TTL (the
   * operator deletes it once the attempt ended), no deadline of its own (the BioJob's applies).
   */
  Job job(LaunchRequest request, BioJob owner, boolean virtualNode, boolean withSecret) {
    String name = request.workloadName();
    Map<String, String> labels = new LinkedHashMap<>(labels(request));
    labels.putAll(settings.jobLabels());
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(ownerReference(owner))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withParallelism(1)
        .withCompletions(1)
        .withTemplate(pod(request, virtualNode, withSecret))
        .endSpec()
        .build();
  }

  private PodTemplateSpec pod(LaunchRequest request, boolean virtualNode, boolean withSecret) {
    String name = request.workloadName();
    String modelPath = settings.modelMountPath() + "/" + request.modelOr("");
    Map<String, String> env = new LinkedHashMap<>(settings.workerEnvironment());
    env.putAll(
        WorkerEnvironment.forAttempt(
            request,
            stripSlash(modelPath),
            settings.modelMountPath() + "/" + SpeciesNetFolder.CACHE_NAME));
    // DJL reads these (environment or system properties); the worker honours them first.
    env.put("DJL_CACHE_DIR", NATIVE_CACHE_PATH);
    env.put("ENGINE_CACHE_DIR", NATIVE_CACHE_PATH);
    List<EnvVar> envVars = new ArrayList<>();
    env.forEach((key, value) -> envVars.add(new EnvVar(key, value, null)));

    ContainerBuilder container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(settings.image())
            .withCommand(settings.command())
            .withEnv(envVars)
            .withResources(resources(request.resources()))
            .withSecurityContext(containerSecurity())
            .addNewVolumeMount()
            .withName(MODEL_VOLUME)
            .withMountPath(settings.modelMountPath())
            .withReadOnly(true)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName(TMP_VOLUME)
            .withMountPath(TMP_PATH)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName(NATIVE_CACHE_VOLUME)
            .withMountPath(NATIVE_CACHE_PATH)
            .endVolumeMount();
    if (withSecret) {
      container
          .addNewEnvFrom()
          .withNewSecretRef()
          .withName(secretName(name))
          .endSecretRef()
          .endEnvFrom();
    }

    PodTemplateSpecBuilder pod =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(labels(request))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withAutomountServiceAccountToken(false)
            .withSecurityContext(podSecurity())
            .withContainers(container.build())
            .addNewVolume()
            .withName(MODEL_VOLUME)
            .withNewAzureFile()
            .withShareName(settings.modelShare())
            .withSecretName(settings.modelShareSecret())
            .withReadOnly(true)
            .endAzureFile()
            .endVolume()
            .addNewVolume()
            .withName(TMP_VOLUME)
            .withNewEmptyDir()
            .withSizeLimit(TMP_LIMIT)
            .endEmptyDir()
            .endVolume()
            .addNewVolume()
            .withName(NATIVE_CACHE_VOLUME)
            .withNewEmptyDir()
            .withSizeLimit(NATIVE_CACHE_LIMIT)
            .endEmptyDir()
            .endVolume()
            .endSpec();
    if (virtualNode) {
      pod.editSpec()
          .withNodeSelector(WorkerJobSettings.VIRTUAL_NODE_SELECTOR)
          .withTolerations(virtualNodeTolerations())
          .endSpec();
    } else {
      pod.editSpec().withNodeSelector(settings.nodeSelector()).endSpec();
      if (request.resources().gpu() > 0) {
        pod.editSpec()
            .addToTolerations(
                new TolerationBuilder()
                    .withKey(GPU_RESOURCE)
                    .withOperator("Exists")
                    .withEffect("NoSchedule")
                    .build())
            .endSpec();
      }
    }
    return pod.build();
  }

  Secret secret(LaunchRequest request, BioJob owner, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(secretName(request.workloadName()))
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels(request))
        .withOwnerReferences(ownerReference(owner))
        .endMetadata()
        .withType("Opaque")
        .withStringData(data)
        .build();
  }

  private static PodSecurityContext podSecurity() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(WORKER_UID)
        .withRunAsGroup(WORKER_UID)
        .withFsGroup(WORKER_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static SecurityContext containerSecurity() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  static Map<String, String> labels(LaunchRequest request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "biotrack-worker");
    labels.put("app.kubernetes.io/managed-by", "biotrack-operator");
    labels.put(JOB_ID_LABEL, request.jobId());
    labels.put("biotrack.io/shard", Integer.toString(request.shard()));
    labels.put("biotrack.io/attempt", Integer.toString(request.attempt()));
    labels.put(WORKLOAD_LABEL, request.workloadName());
    return labels;
  }

  private static OwnerReference ownerReference(BioJob owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static io.fabric8.kubernetes.api.model.ResourceRequirements resources(
      WorkerResources resources) {
    Map<String, Quantity> amounts = new LinkedHashMap<>();
    amounts.put(
        "cpu",
        new Quantity(BigDecimal.valueOf(resources.cpu()).stripTrailingZeros().toPlainString()));
    amounts.put("memory", new Quantity(mebibytes(resources.memoryGb()) + "Mi"));
    Map<String, Quantity> limits = new LinkedHashMap<>(amounts);
    if (resources.gpu() > 0) {
      limits.put(GPU_RESOURCE, new Quantity(Integer.toString(resources.gpu())));
    }
    return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(limits).build();
  }

  private static long mebibytes(double gib) {
    return Math.round(gib * 1024);
  }

  private static List<Toleration> virtualNodeTolerations() {
    return WorkerJobSettings.VIRTUAL_NODE_TOLERATIONS.stream()
        .map(
            t ->
                new TolerationBuilder()
                    .withKey(t.get("key"))
                    .withOperator(t.getOrDefault("operator", "Exists"))
                    .withEffect(t.get("effect"))
                    .build())
        .toList();
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
