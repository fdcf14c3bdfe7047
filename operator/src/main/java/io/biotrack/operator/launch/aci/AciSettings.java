package io.biotrack.operator.launch.aci;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how container groups are created.
 *
 * @param subscriptionId the Azure subscription
 * @param resourceGroup the resource group container groups go into
 * @param region e.g. {@code westeurope}
 * @param image the worker image
 * @param command the worker's command line in the image
 * @param registryServer a private registry pulled with {@code pullIdentityId}; null for a public
 *     image
 * @param pullIdentityId resource id of the user-assigned identity that pulls the image from
 *     {@code registryServer} (AcrPull, nothing else: workers reach storage with the SAS URLs of
 *     their own shard, never with an identity); null without a private registry
 * @param modelShareAccount the storage account of the existing {@code modelShare}
 * @param modelShareKey its key: ACI mounts Azure Files only with the account key. It goes into
 *     the volume definition (an ARM secure value), never into the worker's environment
 * @param workerEnvironment storage settings for workers besides their credentials (no keys, no
 *     endpoints that need an identity)
 * @param maxCreationsPerHour container groups created at most in any hour (ACI: 300 per hour
 *     per subscription)
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

  public static final int DEFAULT_MAX_CREATIONS_PER_HOUR = 300;

  public AciSettings {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    if (registryServer != null && pullIdentityId == null) {
      throw new IllegalArgumentException("a private registry needs the identity that pulls from it");
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

  /** Never prints the share key. */
  @Override
  public String toString() {
    return "AciSettings[subscription=" + subscriptionId + ", resourceGroup=" + resourceGroup
        + ", region=" + region + ", image=" + image + ", pullIdentity=" + pullIdentityId
        + ", modelShare=" + modelShareAccount + "/" + modelShare + ", maxCreationsPerHour="
        + maxCreationsPerHour + ", poll=" + pollInterval + "]";
  }
}
