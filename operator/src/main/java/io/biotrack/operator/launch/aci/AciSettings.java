package io.biotrack.operator.launch.aci;

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
 * @param identityId resource id of the user-assigned managed identity workers use for storage
 *     (and for pulling the image from {@code registryServer})
 * @param identityClientId that identity's client id, given to the worker as {@code
 *     AZURE_CLIENT_ID} so {@code DefaultAzureCredential} picks it
 * @param registryServer a private registry pulled with the identity; null for a public image
 * @param modelShareAccount the storage account of the existing {@code modelShare}
 * @param modelShareKey its key: ACI mounts Azure Files only with the account key. It goes into
 *     the volume definition (an ARM secure value), never into the worker's environment
 * @param workerEnvironment storage settings for workers (endpoints and names, never keys)
 */
public record AciSettings(
    String subscriptionId,
    String resourceGroup,
    String region,
    String image,
    List<String> command,
    String identityId,
    String identityClientId,
    String registryServer,
    String modelShare,
    String modelShareAccount,
    String modelShareKey,
    String modelMountPath,
    Map<String, String> workerEnvironment) {

  public AciSettings {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    Objects.requireNonNull(identityId, "identityId");
    Objects.requireNonNull(identityClientId, "identityClientId");
    Objects.requireNonNull(modelShare, "modelShare");
    Objects.requireNonNull(modelShareAccount, "modelShareAccount");
    Objects.requireNonNull(modelShareKey, "modelShareKey");
    Objects.requireNonNull(modelMountPath, "modelMountPath");
    workerEnvironment = Map.copyOf(workerEnvironment);
  }

  /** Never prints the share key. */
  @Override
  public String toString() {
    return "AciSettings[subscription=" + subscriptionId + ", resourceGroup=" + resourceGroup
        + ", region=" + region + ", image=" + image + ", identity=" + identityId
        + ", modelShare=" + modelShareAccount + "/" + modelShare + "]";
  }
}
