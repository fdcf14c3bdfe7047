package io.biotrack.operator.launch.aci;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerinstance.fluent.ContainerGroupsClient;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerState;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each attempt as an Azure Container Instances container group named after the workload
 * ({@code biotrack-{jobId}-{attempt}}). Launch looks the group up before it creates one, and ARM's
 * PUT is idempotent by name, so a repeated launch (a retried 429, a restarted operator) never
 * makes a second group.
 *
 * <p>Uses the client's ARM models directly rather than its fluent builder: the fluent builder
 * needs an extra ARM read of the identity and offers no read-only mount of an existing share
 * with a registry pulled by identity.
 */
public final class AciLauncher implements WorkerLauncher {
  public static final String KIND = "aci";
  private static final Logger log = LoggerFactory.getLogger(AciLauncher.class);

  private final ContainerGroupsClient groups;
  private final AciSettings settings;

  public AciLauncher(ContainerInstanceManager manager, AciSettings settings) {
    this.groups = manager.serviceClient().getContainerGroups();
    this.settings = settings;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public WorkloadHandle launch(LaunchRequest request) {
    if (request.resources().gpu() > 0) {
      throw new LaunchRejectedException(
          "ACI has no GPUs (retired on 2025-07-14): run GPU jobs with the kubernetes launcher");
    }
    String name = request.workloadName();
    Optional<ContainerGroupInner> existing = find(name);
    if (existing.isPresent()) {
      return handle(name);
    }
    // Sends the PUT and returns: the group provisions while later reconciles observe it.
    groups.beginCreateOrUpdate(
        settings.resourceGroup(), name, ContainerGroups.definition(settings, request), Context.NONE);
    log.info("created container group {} in {}", name, settings.resourceGroup());
    return handle(name);
  }

  @Override
  public WorkloadStatus status(WorkloadHandle handle) {
    return find(handle.name()).map(AciLauncher::statusOf).orElse(WorkloadStatus.NOT_FOUND);
  }

  @Override
  public void delete(WorkloadHandle handle) {
    try {
      groups.beginDelete(settings.resourceGroup(), handle.name(), Context.NONE);
    } catch (ManagementException e) {
      if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
        throw e;
      }
    }
  }

  static WorkloadStatus statusOf(ContainerGroupInner group) {
    if ("Failed".equalsIgnoreCase(group.provisioningState())) {
      return new WorkloadStatus(WorkloadPhase.FAILED, null, "container group provisioning failed");
    }
    ContainerState state =
        group.containers().stream()
            .filter(c -> ContainerGroups.CONTAINER.equals(c.name()))
            .findFirst()
            .map(Container::instanceView)
            .map(view -> view.currentState())
            .orElse(null);
    if (state == null || state.state() == null) {
      return WorkloadStatus.WAITING;
    }
    return switch (state.state()) {
      case "Running" -> WorkloadStatus.RUNNING;
      case "Terminated" ->
          state.exitCode() != null && state.exitCode() == 0
              ? WorkloadStatus.succeeded()
              : new WorkloadStatus(WorkloadPhase.FAILED, state.exitCode(), state.detailStatus());
      default -> new WorkloadStatus(WorkloadPhase.WAITING, null, state.detailStatus());
    };
  }

  private Optional<ContainerGroupInner> find(String name) {
    try {
      return Optional.of(
          groups.getByResourceGroupWithResponse(settings.resourceGroup(), name, Context.NONE).getValue());
    } catch (ManagementException e) {
      if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private WorkloadHandle handle(String name) {
    return new WorkloadHandle(
        KIND,
        name,
        "/subscriptions/" + settings.subscriptionId() + "/resourceGroups/" + settings.resourceGroup()
            + "/providers/Microsoft.ContainerInstance/containerGroups/" + name);
  }
}
