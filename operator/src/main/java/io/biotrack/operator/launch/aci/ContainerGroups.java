package io.biotrack.operator.launch.aci;

import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.AzureFileVolume;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupIdentity;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupIdentityUserAssignedIdentities;
import com.azure.resourcemanager.containerinstance.models.ContainerGroupRestartPolicy;
import com.azure.resourcemanager.containerinstance.models.EnvironmentVariable;
import com.azure.resourcemanager.containerinstance.models.ImageRegistryCredential;
import com.azure.resourcemanager.containerinstance.models.OperatingSystemTypes;
import com.azure.resourcemanager.containerinstance.models.ResourceIdentityType;
import com.azure.resourcemanager.containerinstance.models.ResourceRequests;
import com.azure.resourcemanager.containerinstance.models.ResourceRequirements;
import com.azure.resourcemanager.containerinstance.models.Volume;
import com.azure.resourcemanager.containerinstance.models.VolumeMount;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerEnvironment;
import io.biotrack.species.SpeciesNetFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The container group of one shard attempt, as ARM receives it. */
final class ContainerGroups {
  static final String CONTAINER = "worker";
  static final String MODEL_VOLUME = "models";
  static final String MANAGED_BY = "managed-by";
  static final String OPERATOR = "biotrack-operator";
  static final String JOB_ID_TAG = "biotrack-job-id";

  /** When the launcher created the group: seeds the creation rate limit after a restart. */
  static final String CREATED_AT_TAG = "biotrack-created-at";

  private ContainerGroups() {}

  /**
   * @param credentials the worker's credentials for its shard, passed as secure environment
   *     variables (ARM never returns their values)
   */
  static ContainerGroupInner definition(
      AciSettings settings,
      LaunchRequest request,
      Map<String, String> credentials,
      Instant createdAt) {
    Map<String, String> env = new LinkedHashMap<>(settings.workerEnvironment());
    env.putAll(
        WorkerEnvironment.forAttempt(
            request,
            settings.modelMountPath() + "/" + request.modelOr(""),
            settings.modelMountPath() + "/" + SpeciesNetFolder.CACHE_NAME));
    List<EnvironmentVariable> variables = new ArrayList<>();
    env.forEach(
        (name, value) -> variables.add(new EnvironmentVariable().withName(name).withValue(value)));
    credentials.forEach(
        (name, value) ->
            variables.add(new EnvironmentVariable().withName(name).withSecureValue(value)));

    Container worker =
        new Container()
            .withName(CONTAINER)
            .withImage(settings.image())
            .withCommand(settings.command())
            .withResources(
                new ResourceRequirements()
                    .withRequests(
                        new ResourceRequests()
                            .withCpu(request.resources().cpu())
                            .withMemoryInGB(request.resources().memoryGb())))
            .withEnvironmentVariables(variables)
            .withVolumeMounts(
                List.of(
                    new VolumeMount()
                        .withName(MODEL_VOLUME)
                        .withMountPath(settings.modelMountPath())
                        .withReadOnly(true)));

    ContainerGroupInner group =
        new ContainerGroupInner()
            .withContainers(List.of(worker))
            .withOsType(OperatingSystemTypes.LINUX)
            .withRestartPolicy(ContainerGroupRestartPolicy.NEVER)
            // The existing model cache share, read-only: never a new storage account per group.
            .withVolumes(
                List.of(
                    new Volume()
                        .withName(MODEL_VOLUME)
                        .withAzureFile(
                            new AzureFileVolume()
                                .withShareName(settings.modelShare())
                                .withStorageAccountName(settings.modelShareAccount())
                                .withStorageAccountKey(settings.modelShareKey())
                                .withReadOnly(true))));
    if (settings.registryServer() != null) {
      // The identity pulls the image (AcrPull) and holds no other role.
      group
          .withIdentity(
              new ContainerGroupIdentity()
                  .withType(ResourceIdentityType.USER_ASSIGNED)
                  .withUserAssignedIdentities(
                      Map.of(
                          settings.pullIdentityId(),
                          new ContainerGroupIdentityUserAssignedIdentities())))
          .withImageRegistryCredentials(
              List.of(
                  new ImageRegistryCredential()
                      .withServer(settings.registryServer())
                      .withIdentity(settings.pullIdentityId())));
    }
    group.withLocation(settings.region());
    group.withTags(tags(request, createdAt));
    return group;
  }

  static Map<String, String> tags(LaunchRequest request, Instant createdAt) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(JOB_ID_TAG, request.jobId());
    tags.put("biotrack-tenant", request.tenant());
    tags.put("biotrack-shard", Integer.toString(request.shard()));
    tags.put("biotrack-attempt", Integer.toString(request.attempt()));
    tags.put(CREATED_AT_TAG, createdAt.toString());
    tags.put(MANAGED_BY, OPERATOR);
    return tags;
  }
}
