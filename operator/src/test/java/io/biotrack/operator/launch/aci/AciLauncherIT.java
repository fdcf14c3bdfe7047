package io.biotrack.operator.launch.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.job.JobIds;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real azure-resourcemanager-containerinstance client against a local fake of ARM. */
class AciLauncherIT {
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
  static final String IDENTITY =
      "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/biotrack/providers/"
          + "Microsoft.ManagedIdentity/userAssignedIdentities/biotrack-worker";
  static final String SHARE_KEY = "c2hhcmUta2V5LW5vdC1mb3ItZW52";

  ArmFake arm;
  AciLauncher launcher;
  String jobId;

  static AciSettings settings() {
    return new AciSettings(
        SUBSCRIPTION, "biotrack-jobs", "westeurope", "biotrack.azurecr.io/biotrack-worker:0.1.0",
        List.of("java", "-jar", "/app/biotrack-worker.jar", "run-job"), IDENTITY,
        "11111111-2222-3333-4444-555555555555", "biotrack.azurecr.io", "modelcache", "biotrackmodels",
        SHARE_KEY, "/models",
        Map.of("BIOTRACK_STORAGE", "azure",
            "BIOTRACK_AZURE_BLOB_ENDPOINT", "https://biotrack.blob.core.windows.net",
            "BIOTRACK_AZURE_QUEUE_ENDPOINT", "https://biotrack.queue.core.windows.net",
            "BIOTRACK_AZURE_TABLE_ENDPOINT", "https://biotrack.table.core.windows.net"));
  }

  public static AciLauncher launcher(ArmFake arm) {
    return new AciLauncher(
        AciClients.unauthenticated(SUBSCRIPTION, arm.endpoint(), Duration.ofMillis(50)), settings());
  }

  @BeforeEach
  void start() throws Exception {
    arm = new ArmFake();
    launcher = launcher(arm);
    jobId = JobIds.system().next();
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  LaunchRequest request(int attempt) {
    return new LaunchRequest(jobId, "acme", attempt, new WorkerResources(4, 16, 0), "md_v5a.0.0.torchscript");
  }

  static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new HashMap<>();
    container.get("properties").get("environmentVariables")
        .forEach(v -> env.put(v.get("name").asText(), v.get("value").asText()));
    return env;
  }

  @Test
  void createsOneContainerGroupPerAttemptWithTheExactDefinition() throws Exception {
    WorkloadHandle handle = launcher.launch(request(1));

    String name = "biotrack-" + jobId + "-1";
    String path = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/biotrack-jobs/providers/"
        + "Microsoft.ContainerInstance/containerGroups/" + name;
    assertThat(handle).isEqualTo(new WorkloadHandle("aci", name, path));
    // Looked up before created.
    assertThat(arm.requests()).extracting(ArmFake.Recorded::method).containsExactly("GET", "PUT");
    assertThat(arm.requests("PUT").get(0).path()).startsWith(path + "?api-version=");

    ObjectNode body = arm.lastPutBody();
    assertThat(body.get("location").asText()).isEqualTo("westeurope");
    assertThat(body.get("tags").get("biotrack-job-id").asText()).isEqualTo(jobId);
    assertThat(body.get("tags").get("biotrack-tenant").asText()).isEqualTo("acme");
    assertThat(body.get("tags").get("biotrack-attempt").asText()).isEqualTo("1");
    assertThat(body.get("identity").get("type").asText()).isEqualTo("UserAssigned");
    assertThat(body.get("identity").get("userAssignedIdentities").has(IDENTITY)).isTrue();

    JsonNode properties = body.get("properties");
    assertThat(properties.get("osType").asText()).isEqualTo("Linux");
    assertThat(properties.get("restartPolicy").asText()).isEqualTo("Never");
    assertThat(properties.get("imageRegistryCredentials").get(0).get("server").asText()).isEqualTo("biotrack.azurecr.io");
    assertThat(properties.get("imageRegistryCredentials").get(0).get("identity").asText()).isEqualTo(IDENTITY);
    assertThat(properties.get("imageRegistryCredentials").get(0).has("password")).isFalse();

    JsonNode volume = properties.get("volumes").get(0);
    assertThat(volume.get("name").asText()).isEqualTo("models");
    assertThat(volume.get("azureFile").get("shareName").asText()).isEqualTo("modelcache");
    assertThat(volume.get("azureFile").get("storageAccountName").asText()).isEqualTo("biotrackmodels");
    assertThat(volume.get("azureFile").get("readOnly").asBoolean()).isTrue();

    assertThat(properties.get("containers")).hasSize(1);
    JsonNode container = properties.get("containers").get(0);
    JsonNode spec = container.get("properties");
    assertThat(container.get("name").asText()).isEqualTo("worker");
    assertThat(spec.get("image").asText()).isEqualTo("biotrack.azurecr.io/biotrack-worker:0.1.0");
    assertThat(spec.get("command")).extracting(JsonNode::asText)
        .containsExactly("java", "-jar", "/app/biotrack-worker.jar", "run-job");
    assertThat(spec.get("resources").get("requests").get("cpu").asDouble()).isEqualTo(4.0);
    assertThat(spec.get("resources").get("requests").get("memoryInGB").asDouble()).isEqualTo(16.0);
    assertThat(spec.has("ports")).isFalse();
    JsonNode mount = spec.get("volumeMounts").get(0);
    assertThat(mount.get("name").asText()).isEqualTo("models");
    assertThat(mount.get("mountPath").asText()).isEqualTo("/models");
    assertThat(mount.get("readOnly").asBoolean()).isTrue();

    Map<String, String> env = env(container);
    assertThat(env)
        .containsEntry("BIOTRACK_JOB_ID", jobId).containsEntry("BIOTRACK_TENANT", "acme")
        .containsEntry("BIOTRACK_ATTEMPT", "1").containsEntry("BIOTRACK_THREADS", "4")
        .containsEntry("BIOTRACK_MODEL", "/models/md_v5a.0.0.torchscript")
        .containsEntry("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555")
        .containsEntry("BIOTRACK_AZURE_TABLE_ENDPOINT", "https://biotrack.table.core.windows.net");
    // No secrets in the environment: no keys, connection strings or SAS tokens.
    assertThat(env.keySet()).noneMatch(k -> k.contains("KEY") || k.contains("CONNECTION_STRING") || k.contains("SAS"));
    assertThat(env.values()).noneMatch(v -> v.contains(SHARE_KEY) || v.contains("AccountKey=") || v.contains("sig="));
    container.get("properties").get("environmentVariables")
        .forEach(v -> assertThat(v.has("secureValue")).isFalse());
  }

  @Test
  void launchingAnAttemptAgainFindsItsGroup() {
    WorkloadHandle first = launcher.launch(request(1));
    WorkloadHandle again = launcher(arm).launch(request(1)); // e.g. a restarted operator

    assertThat(again).isEqualTo(first);
    assertThat(arm.requests("PUT")).hasSize(1);
    assertThat(arm.groups()).hasSize(1);
  }

  @Test
  void throttledPutsAreRetriedWithBackoffAndMakeOneGroup() {
    arm.throttlePuts(2);

    launcher.launch(request(1));

    List<ArmFake.Recorded> puts = arm.requests("PUT");
    assertThat(puts).hasSize(3);
    assertThat(Duration.between(puts.get(0).at(), puts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(Duration.between(puts.get(1).at(), puts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(arm.groups()).containsExactly("biotrack-" + jobId + "-1");
  }

  @Test
  void throttlingBeyondTheClientsRetriesFailsTheLaunchWithoutAGroup() {
    arm.throttlePuts(50);

    assertThatThrownBy(() -> launcher.launch(request(1)))
        .isInstanceOf(com.azure.core.management.exception.ManagementException.class);
    assertThat(arm.groups()).isEmpty();

    // The reconciler launches the same attempt again later: still one group.
    arm.throttlePuts(0);
    launcher.launch(request(1));
    assertThat(arm.groups()).hasSize(1);
  }

  @Test
  void reportsTheContainersStateAndExitCode() {
    WorkloadHandle handle = launcher.launch(request(1));
    String name = handle.name();

    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.WAITING);
    arm.containerState(name, "Waiting", null, "Pulling");
    assertThat(launcher.status(handle)).isEqualTo(new WorkloadStatus(WorkloadPhase.WAITING, null, "Pulling"));
    arm.containerState(name, "Running", null, null);
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.RUNNING);
    arm.containerState(name, "Terminated", 1, "Error");
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.failed(1, "Error"));
    arm.containerState(name, "Terminated", 0, "Completed");
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.succeeded());

    launcher.delete(handle);
    assertThat(arm.requests("DELETE")).hasSize(1);
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.NOT_FOUND);
    launcher.delete(handle); // idempotent
  }

  @Test
  void aGroupThatFailedToProvisionIsAFailedWorkload() {
    arm.provisionAs("Failed");
    WorkloadHandle handle = launcher.launch(request(1));

    WorkloadStatus status = launcher.status(handle);
    assertThat(status.phase()).isEqualTo(WorkloadPhase.FAILED);
    assertThat(status.reason()).contains("provisioning failed");
  }

  @Test
  void gpuJobsAreRejected() {
    LaunchRequest gpu = new LaunchRequest(jobId, "acme", 1, new WorkerResources(4, 16, 1), "m");
    assertThatThrownBy(() -> launcher.launch(gpu))
        .isInstanceOf(LaunchRejectedException.class).hasMessageContaining("kubernetes launcher");
    assertThat(arm.requests()).isEmpty();
  }
}
