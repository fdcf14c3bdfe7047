package io.biotrack.operator.launch.pod;

import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerEnvironment;
import io.biotrack.launch.WorkerResources;
import io.biotrack.operator.biojob.BioJob;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds worker Pods (and their credential Secrets) owned by their BioJob. */
final class WorkerPods {
  static final String CONTAINER = "worker";
  static final String MODEL_VOLUME = "models";
  static final String GPU_RESOURCE = "nvidia.com/gpu";

  private final PodSettings settings;

  WorkerPods(PodSettings settings) {
    this.settings = settings;
  }

  static String secretName(String workloadName) {
    return workloadName + "-credentials";
  }

  Pod pod(LaunchRequest request, BioJob owner, boolean virtualNode, boolean withSecret) {
    String name = request.workloadName();
    String modelPath = settings.modelMountPath() + "/" + request.modelOr("");
    Map<String, String> env = new LinkedHashMap<>(settings.workerEnvironment());
    env.putAll(WorkerEnvironment.forAttempt(request, stripSlash(modelPath)));
    List<EnvVar> envVars = new ArrayList<>();
    env.forEach((key, value) -> envVars.add(new EnvVar(key, value, null)));

    ContainerBuilder container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(settings.image())
            .withCommand(settings.command())
            .withEnv(envVars)
            .withResources(resources(request.resources()))
            .addNewVolumeMount()
            .withName(MODEL_VOLUME)
            .withMountPath(settings.modelMountPath())
            .withReadOnly(true)
            .endVolumeMount();
    if (withSecret) {
      container.addNewEnvFrom().withNewSecretRef().withName(secretName(name)).endSecretRef().endEnvFrom();
    }

    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(owner.getMetadata().getNamespace())
            .withLabels(labels(request))
            .withOwnerReferences(ownerReference(owner))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withAutomountServiceAccountToken(false)
            .withContainers(container.build())
            .addNewVolume()
            .withName(MODEL_VOLUME)
            .withNewAzureFile()
            .withShareName(settings.modelShare())
            .withSecretName(settings.modelShareSecret())
            .withReadOnly(true)
            .endAzureFile()
            .endVolume()
            .endSpec();
    if (virtualNode) {
      pod.editSpec()
          .withNodeSelector(PodSettings.VIRTUAL_NODE_SELECTOR)
          .withTolerations(virtualNodeTolerations())
          .endSpec();
    } else {
      pod.editSpec().withNodeSelector(settings.nodeSelector()).endSpec();
      if (settings.serviceAccount() != null) {
        pod.editSpec().withServiceAccountName(settings.serviceAccount()).endSpec();
        pod.editMetadata().addToLabels("azure.workload.identity/use", "true").endMetadata();
      }
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

  static Map<String, String> labels(LaunchRequest request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "biotrack-worker");
    labels.put("app.kubernetes.io/managed-by", "biotrack-operator");
    labels.put("biotrack.io/job-id", request.jobId());
    labels.put("biotrack.io/attempt", Integer.toString(request.attempt()));
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
    amounts.put("cpu", new Quantity(BigDecimal.valueOf(resources.cpu()).stripTrailingZeros().toPlainString()));
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
    return PodSettings.VIRTUAL_NODE_TOLERATIONS.stream()
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
