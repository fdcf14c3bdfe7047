package io.biotrack.operator.launch.kube;

import io.biotrack.config.EnvironmentReader;
import io.biotrack.operator.launch.RemoteWorkerSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How worker Jobs look (the {@code kubernetes} and {@code virtual-node} launchers); {@link #from}
 * reads them.
 *
 * @param image the worker image
 * @param command the worker's command line in the image
 * @param workerEnvironment storage settings for workers besides their credentials (the storage
 *     kind; never an endpoint that needs an identity, never a key)
 * @param modelShare the Azure Files share holding the model cache, mounted read-only
 * @param modelShareSecret the Secret with {@code azurestorageaccountname} and {@code
 *     azurestorageaccountkey} that the kubelet's Azure Files driver mounts the share with (the
 *     worker never sees it)
 * @param modelMountPath where the share appears in the worker
 * @param nodeSelector extra node selector for the {@code kubernetes} launcher (e.g. a GPU pool)
 * @param jobLabels extra labels on every worker Job, for cluster tooling (e.g. Kueue's {@code
 *     kueue.x-k8s.io/queue-name})
 */
public record WorkerJobSettings(
    String image,
    List<String> command,
    Map<String, String> workerEnvironment,
    String modelShare,
    String modelShareSecret,
    String modelMountPath,
    Map<String, String> nodeSelector,
    Map<String, String> jobLabels) {

  public static final String MODEL_SHARE_SECRET = "BIOTRACK_POD_MODEL_SHARE_SECRET";
  public static final String NODE_SELECTOR = "BIOTRACK_POD_NODE_SELECTOR";
  public static final String JOB_LABELS = "BIOTRACK_WORKER_JOB_LABELS";

  /** AKS virtual node placement (virtual-kubelet). */
  public static final Map<String, String> VIRTUAL_NODE_SELECTOR =
      Map.of("kubernetes.io/role", "agent", "kubernetes.io/os", "linux", "type", "virtual-kubelet");

  public static final List<Map<String, String>> VIRTUAL_NODE_TOLERATIONS =
      List.of(
          Map.of("key", "virtual-kubelet.io/provider", "operator", "Exists"),
          Map.of("key", "azure.com/aci", "effect", "NoSchedule"));

  public WorkerJobSettings {
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    workerEnvironment = Map.copyOf(workerEnvironment);
    Objects.requireNonNull(modelShare, "modelShare");
    Objects.requireNonNull(modelShareSecret, "modelShareSecret");
    Objects.requireNonNull(modelMountPath, "modelMountPath");
    nodeSelector = Map.copyOf(nodeSelector);
    jobLabels = Map.copyOf(jobLabels);
  }

  /**
   * The {@code BIOTRACK_POD_*} and {@code BIOTRACK_WORKER_JOB_LABELS} variables, on top of what
   * every remote worker runs.
   *
   * @return null without a worker image (then these launchers are not available)
   */
  public static WorkerJobSettings from(EnvironmentReader env, RemoteWorkerSettings remote) {
    String secret = env.string(MODEL_SHARE_SECRET, "biotrack-modelcache");
    Map<String, String> nodeSelector = env.map(NODE_SELECTOR);
    Map<String, String> labels = env.map(JOB_LABELS);
    if (remote.image() == null) {
      return null;
    }
    return new WorkerJobSettings(
        remote.image(),
        remote.command(),
        remote.environment(),
        remote.modelShare(),
        secret,
        remote.modelMountPath(),
        nodeSelector,
        labels);
  }
}
