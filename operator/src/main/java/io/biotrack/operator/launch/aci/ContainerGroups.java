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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The container group of one attempt, as ARM receives it. */
final class ContainerGroups {
  static final String CONTAINER = "worker";
  static final String MODEL_VOLUME = "models";

  private ContainerGroups() {}

  static ContainerGroupInner definition(AciSettings settings, LaunchRequest request) {
    Map<String, String> env = new LinkedHashMap<>(settings.workerEnvironment());
    env.put("AZURE_CLIENT_ID", settings.identityClientId());
    env.putAll(
        WorkerEnvironment.forAttempt(
            request, settings.modelMountPath() + "/" + request.modelOr("")));
    List<EnvironmentVariable> variables = new ArrayList<>();
    env.forEach((name, value) -> variables.add(new EnvironmentVariable().withName(name).withValue(value)));

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
            .withIdentity(
                new ContainerGroupIdentity()
                    .withType(ResourceIdentityType.USER_ASSIGNED)
                    .withUserAssignedIdentities(
                        Map.of(settings.identityId(), new ContainerGroupIdentityUserAssignedIdentities())))
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
      group.withImageRegistryCredentials(
          List.of(
              new ImageRegistryCredential()
                  .withServer(settings.registryServer())
                  .withIdentity(settings.identityId())));
    }
    group.withLocation(settings.region());
    group.withTags(tags(request));
    return group;
  }

  static Map<String, String> tags(LaunchRequest request) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("biotrack-job-id", request.jobId());
    tags.put("biotrack-tenant", request.tenant());
    tags.put("biotrack-attempt", Integer.toString(request.attempt()));
    tags.put("managed-by", "biotrack-operator");
    return tags;
  }
}
