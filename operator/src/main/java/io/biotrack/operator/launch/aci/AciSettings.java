package io.biotrack.operator.launch.aci;

import io.biotrack.config.EnvironmentReader;
import io.biotrack.operator.launch.RemoteWorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how container groups are created; {@link #from} reads it.
 *
 * @param subscriptionId the Azure subscription
 * @param resourceGroup the resource group container groups go into
 * @param region e.g. {@code westeurope}
 * @param image the worker image
 * @param command the worker's command line in the image
 * @param registryServer a private registry pulled with {@code pullIdentityId}; null for a public
 *     image
 * @param pullIdentityId resource id of the user-assigned identity that pulls the image from {@code
 *     registryServer} (AcrPull, nothing else: workers reach storage with the SAS URLs of their own
 *     shard, never with an identity); null without a private registry
 * @param modelShareAccount the storage account of the existing {@code modelShare}
 * @param modelShareKey its key: ACI mounts Azure Files only with the account key. It goes into the
 *     volume definition (an ARM secure value), never into the worker's environment
 * @param workerEnvironment storage settings for workers besides their credentials (no keys, no
 *     endpoints that need an identity)
 * @param maxCreationsPerHour container groups created at most in any hour (ACI: 300 per hour per
 *     subscription)
 * @param pollInterval how often the launcher lists and reads its container groups
 */
public record AciSettings(
    String subscriptionId,
    String resourceGroup,
    String region,
    String image,
    List<String> command,
    String registryServer,
    String pullIdentityId,
    String modelShare,
    String modelShareAccount,
    String modelShareKey,
    String modelMountPath,
    Map<String, String> workerEnvironment,
    int maxCreationsPerHour,
    Duration pollInterval) {

  public static final String SUBSCRIPTION = "BIOTRACK_ACI_SUBSCRIPTION_ID";
  public static final String RESOURCE_GROUP = "BIOTRACK_ACI_RESOURCE_GROUP";
  public static final String REGION = "BIOTRACK_ACI_REGION";
  public static final String IDENTITY_ID = "BIOTRACK_ACI_IDENTITY_ID";
  public static final String REGISTRY = "BIOTRACK_ACI_REGISTRY";
  public static final String MODEL_SHARE_ACCOUNT = "BIOTRACK_ACI_MODEL_SHARE_ACCOUNT";
  public static final String MODEL_SHARE_KEY = "BIOTRACK_ACI_MODEL_SHARE_KEY";
  public static final String MAX_CREATIONS = "BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR";
  public static final String POLL = "BIOTRACK_ACI_POLL_SECONDS";

  public static final int DEFAULT_MAX_CREATIONS_PER_HOUR = 300;

  public AciSettings {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    if (registryServer != null && pullIdentityId == null) {
      throw new IllegalArgumentException(
          "a private registry needs the identity that pulls from it");
    }
    Objects.requireNonNull(modelShare, "modelShare");
    Objects.requireNonNull(modelShareAccount, "modelShareAccount");
    Objects.requireNonNull(modelShareKey, "modelShareKey");
    Objects.requireNonNull(modelMountPath, "modelMountPath");
    workerEnvironment = Map.copyOf(workerEnvironment);
    if (maxCreationsPerHour < 1) {
      throw new IllegalArgumentException("maxCreationsPerHour must be at least 1");
    }
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /**
   * The {@code BIOTRACK_ACI_*} variables, on top of what every remote worker runs. {@code
   * BIOTRACK_ACI_SUBSCRIPTION_ID} turns the launcher on; the group, region and model share are then
   * required, and the pulling identity with a private registry.
   *
   * @return null when the launcher is not configured, there is no worker image, or there were
   *     problems (noted in {@code env})
   */
  public static AciSettings from(EnvironmentReader env, RemoteWorkerSettings remote) {
    String subscription = env.string(SUBSCRIPTION);
    if (subscription == null) {
      return null;
    }
    String when = "when " + SUBSCRIPTION + " is set";
    String resourceGroup = env.required(RESOURCE_GROUP, when);
    String region = env.required(REGION, when);
    String registry = env.string(REGISTRY);
    String identity =
        registry == null
            ? env.string(IDENTITY_ID)
            : env.required(IDENTITY_ID, "when " + REGISTRY + " is set (it pulls the image)");
    String shareAccount = env.required(MODEL_SHARE_ACCOUNT, when);
    String shareKey = env.required(MODEL_SHARE_KEY, when);
    int maxCreations = env.integer(MAX_CREATIONS, DEFAULT_MAX_CREATIONS_PER_HOUR, 1, 100_000);
    Duration poll = env.seconds(POLL, Duration.ofSeconds(10));
    if (remote.image() == null
        || resourceGroup == null
        || region == null
        || shareAccount == null
        || shareKey == null
        || (registry != null && identity == null)) {
      return null;
    }
    return env.check(
        () ->
            new AciSettings(
                subscription,
                resourceGroup,
                region,
                remote.image(),
                remote.command(),
                registry,
                identity,
                remote.modelShare(),
                shareAccount,
                shareKey,
                remote.modelMountPath(),
                remote.environment(),
                maxCreations,
                poll));
  }

  /** Never prints the share key. */
  @Override
  public String toString() {
    return "AciSettings[subscription="
        + subscriptionId
        + ", resourceGroup="
        + resourceGroup
        + ", region="
        + region
        + ", image="
        + image
        + ", pullIdentity="
        + pullIdentityId
        + ", modelShare="
        + modelShareAccount
        + "/"
        + modelShare
        + ", maxCreationsPerHour="
        + maxCreationsPerHour
        + ", poll="
        + pollInterval
        + "]";
  }
}
