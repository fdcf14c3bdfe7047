package io.biotrack.operator.config;

import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.launch.WorkerResources;
import io.biotrack.model.ExpectedModelDigests;
import io.biotrack.operator.biojob.Launcher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The operator's own configuration, from {@code BIOTRACK_OPERATOR_*}, {@code BIOTRACK_WORKER_*},
 * {@code BIOTRACK_MODEL_*}, {@code BIOTRACK_POD_*}, {@code BIOTRACK_ACI_*} and {@code
 * BIOTRACK_LOCAL_*} variables (storage comes from core's {@code StorageSettings}). Every variable
 * is listed in {@code docs/operator.md}.
 *
 * @param namespaces namespaces watched for BioJobs; empty for the operator's own, {@code ["*"]}
 *     for all
 * @param jobNamespace where the ingestor creates BioJobs; null for the operator's own namespace
 * @param recordPoll how often the live job records are read, so that a change made elsewhere (a
 *     cancel through the API) reaches its BioJob within this time
 * @param workerJobLabels extra labels on worker Jobs (cluster tooling, e.g. Kueue's queue name)
 * @param modelDigests the SHA-256 expected of each model on the share ({@code
 *     BIOTRACK_MODEL_DIGESTS}, the chart's {@code model.sha256}), passed to every worker, which
 *     refuses a model that differs
 * @param aci null when the ACI launcher is not configured
 */
public record OperatorSettings(
    Set<String> namespaces,
    String jobNamespace,
    JobDefaults jobDefaults,
    DispatchSettings dispatch,
    boolean ingest,
    int ingestBatch,
    Duration ingestVisibility,
    Duration ingestInterval,
    int port,
    boolean leaderElection,
    String leaseName,
    boolean serverSideApply,
    String workerImage,
    List<String> workerCommand,
    String modelShare,
    String modelMountPath,
    ExpectedModelDigests modelDigests,
    String podModelShareSecret,
    Map<String, String> podNodeSelector,
    Map<String, String> workerJobLabels,
    Duration recordPoll,
    Aci aci,
    Local local) {

  public static final String PREFIX = "BIOTRACK_OPERATOR_";
  public static final String NAMESPACES = "BIOTRACK_OPERATOR_NAMESPACES";
  public static final String JOB_NAMESPACE = "BIOTRACK_OPERATOR_JOB_NAMESPACE";
  public static final String LAUNCHER = "BIOTRACK_OPERATOR_LAUNCHER";
  public static final String MAX_CONCURRENT = "BIOTRACK_OPERATOR_MAX_CONCURRENT_WORKLOADS";
  public static final String MAX_ATTEMPTS = "BIOTRACK_OPERATOR_MAX_ATTEMPTS";
  public static final String DEADLINE = "BIOTRACK_OPERATOR_ACTIVE_DEADLINE_SECONDS";
  public static final String TTL = "BIOTRACK_OPERATOR_TTL_SECONDS_AFTER_FINISHED";
  public static final String BACKOFF = "BIOTRACK_OPERATOR_BACKOFF_SECONDS";
  public static final String MAX_BACKOFF = "BIOTRACK_OPERATOR_MAX_BACKOFF_SECONDS";
  public static final String POLL = "BIOTRACK_OPERATOR_POLL_SECONDS";
  public static final String RECORD_POLL = "BIOTRACK_OPERATOR_RECORD_POLL_SECONDS";
  public static final String INGEST = "BIOTRACK_OPERATOR_INGEST";
  public static final String INGEST_BATCH = "BIOTRACK_OPERATOR_INGEST_BATCH";
  public static final String INGEST_VISIBILITY = "BIOTRACK_OPERATOR_INGEST_VISIBILITY_SECONDS";
  public static final String INGEST_INTERVAL = "BIOTRACK_OPERATOR_INGEST_INTERVAL_SECONDS";
  public static final String PORT = "BIOTRACK_OPERATOR_PORT";
  public static final String LEADER_ELECTION = "BIOTRACK_OPERATOR_LEADER_ELECTION";
  public static final String LEASE_NAME = "BIOTRACK_OPERATOR_LEASE_NAME";
  public static final String SSA = "BIOTRACK_OPERATOR_SERVER_SIDE_APPLY";
  public static final String WORKER_IMAGE = "BIOTRACK_WORKER_IMAGE";
  public static final String WORKER_COMMAND = "BIOTRACK_WORKER_COMMAND";
  public static final String WORKER_CPU = "BIOTRACK_WORKER_CPU";
  public static final String WORKER_MEMORY_GB = "BIOTRACK_WORKER_MEMORY_GB";
  public static final String WORKER_GPU = "BIOTRACK_WORKER_GPU";
  public static final String MODEL_NAME = "BIOTRACK_MODEL_NAME";
  public static final String MODEL_SHARE = "BIOTRACK_MODEL_SHARE";
  public static final String MODEL_MOUNT_PATH = "BIOTRACK_MODEL_MOUNT_PATH";
  public static final String POD_MODEL_SHARE_SECRET = "BIOTRACK_POD_MODEL_SHARE_SECRET";
  public static final String POD_NODE_SELECTOR = "BIOTRACK_POD_NODE_SELECTOR";
  public static final String WORKER_JOB_LABELS = "BIOTRACK_WORKER_JOB_LABELS";
  public static final String ACI_SUBSCRIPTION = "BIOTRACK_ACI_SUBSCRIPTION_ID";
  public static final String ACI_RESOURCE_GROUP = "BIOTRACK_ACI_RESOURCE_GROUP";
  public static final String ACI_REGION = "BIOTRACK_ACI_REGION";
  public static final String ACI_IDENTITY_ID = "BIOTRACK_ACI_IDENTITY_ID";
  public static final String ACI_MAX_CREATIONS = "BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR";
  public static final String ACI_POLL = "BIOTRACK_ACI_POLL_SECONDS";
  public static final String ACI_REGISTRY = "BIOTRACK_ACI_REGISTRY";
  public static final String ACI_MODEL_SHARE_ACCOUNT = "BIOTRACK_ACI_MODEL_SHARE_ACCOUNT";
  public static final String ACI_MODEL_SHARE_KEY = "BIOTRACK_ACI_MODEL_SHARE_KEY";
  public static final String ACI_TENANT_ID = "BIOTRACK_ACI_TENANT_ID";
  public static final String ACI_ARM_ENDPOINT = "BIOTRACK_ACI_ARM_ENDPOINT";
  public static final String LOCAL_WORKER_COMMAND = "BIOTRACK_LOCAL_WORKER_COMMAND";
  public static final String LOCAL_STATE_DIR = "BIOTRACK_LOCAL_STATE_DIR";
  public static final String LOCAL_MODEL_DIR = "BIOTRACK_LOCAL_MODEL_DIR";

  public static final List<String> DEFAULT_WORKER_COMMAND =
      List.of("java", "-jar", "/app/biotrack-worker.jar", "run-job");

  /**
   * The ACI launcher's settings that do not depend on storage.
   *
   * @param identityId the identity that pulls the worker image from {@code registry} (AcrPull
   *     only); null without a private registry
   */
  public record Aci(
      String subscriptionId,
      String resourceGroup,
      String region,
      String identityId,
      String registry,
      String modelShareAccount,
      String modelShareKey,
      String tenantId,
      URI armEndpoint,
      int maxCreationsPerHour,
      Duration pollInterval) {
    @Override
    public String toString() {
      return "Aci[subscription=" + subscriptionId + ", resourceGroup=" + resourceGroup
          + ", region=" + region + ", pullIdentity=" + identityId + ", maxCreationsPerHour="
          + maxCreationsPerHour + ", key=(not shown)]";
    }
  }

  /** The local launcher (development, end-to-end tests). */
  public record Local(List<String> command, Path stateDir, Path modelDir) {}

  public static OperatorSettings fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /** @throws InvalidOperatorSettingsException listing every missing or invalid variable */
  public static OperatorSettings fromEnvironment(Function<String, String> source) {
    Env env = new Env(source);
    Launcher launcher = Launcher.KUBERNETES;
    String launcherText = env.text(LAUNCHER);
    if (launcherText != null) {
      try {
        launcher = Launcher.of(launcherText);
      } catch (IllegalArgumentException e) {
        env.problems.add(LAUNCHER + ": " + e.getMessage());
      }
    }
    WorkerResources resources = null;
    try {
      resources =
          new WorkerResources(
              env.decimal(WORKER_CPU, 4, 0.1, 31),
              env.decimal(WORKER_MEMORY_GB, 8, 0.5, 240),
              env.integer(WORKER_GPU, 0, 0, 8));
    } catch (IllegalArgumentException e) {
      env.problems.add(e.getMessage());
    }
    int maxAttempts = env.integer(MAX_ATTEMPTS, 3, 1, 20);
    Duration deadline = env.seconds(DEADLINE, Duration.ofHours(6), true);
    Duration ttl = env.seconds(TTL, Duration.ofDays(1), false);
    Duration backoff = env.seconds(BACKOFF, Duration.ofSeconds(10), false);
    Duration maxBackoff = env.seconds(MAX_BACKOFF, Duration.ofMinutes(5), false);
    Duration poll = env.seconds(POLL, Duration.ofSeconds(15), false);
    int maxConcurrent = env.integer(MAX_CONCURRENT, 10, 1, 10_000);

    String image = env.text(WORKER_IMAGE);
    if (image == null && launcher != Launcher.LOCAL) {
      env.problems.add(WORKER_IMAGE + " is required for the " + launcher.kind() + " launcher");
    }
    Aci aci = aci(env);
    if (launcher == Launcher.ACI && aci == null) {
      env.problems.add(
          LAUNCHER + "=aci needs " + ACI_SUBSCRIPTION + ", " + ACI_RESOURCE_GROUP + ", "
              + ACI_REGION + ", " + ACI_MODEL_SHARE_ACCOUNT + " and " + ACI_MODEL_SHARE_KEY
              + " (and " + ACI_IDENTITY_ID + " with " + ACI_REGISTRY + ")");
    }
    String modelName = env.text(MODEL_NAME, "md_v5a.0.0.torchscript");
    ExpectedModelDigests modelDigests = ExpectedModelDigests.NONE;
    try {
      modelDigests = ExpectedModelDigests.parse(env.text(ExpectedModelDigests.ENV));
    } catch (IllegalArgumentException e) {
      env.problems.add(e.getMessage());
    }
    Set<String> namespaces = Set.copyOf(env.list(NAMESPACES, ",", List.of()));

    OperatorSettings settings = null;
    if (env.problems.isEmpty()) {
      try {
        settings =
            new OperatorSettings(
                namespaces,
                env.text(JOB_NAMESPACE),
                new JobDefaults(launcher, resources, modelName, maxAttempts, deadline, ttl),
                new DispatchSettings(maxConcurrent, backoff, maxBackoff, poll),
                env.flag(INGEST, true),
                env.integer(INGEST_BATCH, 16, 1, 32),
                env.seconds(INGEST_VISIBILITY, Duration.ofSeconds(60), false),
                env.seconds(INGEST_INTERVAL, Duration.ofSeconds(2), false),
                env.integer(PORT, 8080, 0, 65535),
                env.flag(LEADER_ELECTION, true),
                env.text(LEASE_NAME, "biotrack-operator"),
                env.flag(SSA, true),
                image,
                env.list(WORKER_COMMAND, " ", DEFAULT_WORKER_COMMAND),
                env.text(MODEL_SHARE, "modelcache"),
                env.text(MODEL_MOUNT_PATH, "/models"),
                modelDigests,
                env.text(POD_MODEL_SHARE_SECRET, "biotrack-modelcache"),
                env.pairs(POD_NODE_SELECTOR),
                env.pairs(WORKER_JOB_LABELS),
                env.seconds(RECORD_POLL, Duration.ofSeconds(5), false),
                aci,
                new Local(
                    env.list(
                        LOCAL_WORKER_COMMAND,
                        " ",
                        List.of("java", "-jar", "worker/target/biotrack-worker.jar", "run-job")),
                    Path.of(env.text(LOCAL_STATE_DIR, ".biotrack/workers")).toAbsolutePath(),
                    Path.of(env.text(LOCAL_MODEL_DIR, "models")).toAbsolutePath()));
      } catch (IllegalArgumentException e) {
        env.problems.add(e.getMessage());
      }
    }
    if (!env.problems.isEmpty()) {
      throw new InvalidOperatorSettingsException(env.problems);
    }
    return settings;
  }

  private static Aci aci(Env env) {
    String subscription = env.text(ACI_SUBSCRIPTION);
    if (subscription == null) {
      return null;
    }
    String why = "when " + ACI_SUBSCRIPTION + " is set";
    URI arm = null;
    String armText = env.text(ACI_ARM_ENDPOINT);
    if (armText != null) {
      try {
        arm = URI.create(armText);
      } catch (IllegalArgumentException e) {
        env.problems.add(ACI_ARM_ENDPOINT + " is not a URL: " + armText);
      }
    }
    String registry = env.text(ACI_REGISTRY);
    String identity =
        registry == null
            ? env.text(ACI_IDENTITY_ID)
            : env.required(ACI_IDENTITY_ID, "when " + ACI_REGISTRY + " is set (it pulls the image)");
    return new Aci(
        subscription,
        env.required(ACI_RESOURCE_GROUP, why),
        env.required(ACI_REGION, why),
        identity,
        registry,
        env.required(ACI_MODEL_SHARE_ACCOUNT, why),
        env.required(ACI_MODEL_SHARE_KEY, why),
        env.text(ACI_TENANT_ID),
        arm,
        env.integer(ACI_MAX_CREATIONS, 300, 1, 100_000),
        env.seconds(ACI_POLL, Duration.ofSeconds(10), false));
  }

  /** Never prints the ACI share key. */
  @Override
  public String toString() {
    return "OperatorSettings[namespaces=" + namespaces + ", jobDefaults=" + jobDefaults
        + ", dispatch=" + dispatch + ", recordPoll=" + recordPoll + ", aci=" + aci + "]";
  }

  /** Watches every namespace. */
  public boolean watchesAllNamespaces() {
    return namespaces.contains("*");
  }
}
