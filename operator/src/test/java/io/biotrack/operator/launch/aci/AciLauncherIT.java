package io.biotrack.operator.launch.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.contract.WorkerLauncherContract;
import io.biotrack.launch.LaunchDeferredException;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.launch.credentials.WorkerCredentials;
import io.biotrack.shard.ShardTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real azure-resourcemanager-containerinstance client against a local fake of ARM: the launcher
 * contract, then what only ACI does — the group's definition, throttling and quota errors deferred
 * with ARM's message, the hourly creation limit (kept across a restart), and state from polls
 * rather than a read per look.
 */
class AciLauncherIT extends WorkerLauncherContract {
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
  static final String IDENTITY =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/biotrack/providers/"
          + "Microsoft.ManagedIdentity/userAssignedIdentities/biotrack-pull";
  static final String SHARE_KEY = "c2hhcmUta2V5LW5vdC1mb3ItZW52";

  ArmFake arm;
  AciLauncher launcher;
  final List<String> revoked = new ArrayList<>();

  final WorkerCredentials credentials =
      new WorkerCredentials() {
        @Override
        public Map<String, String> issue(LaunchRequest request) {
          return Map.of(
              "BIOTRACK_JOB_ACCESS",
              "{\"sig\":\"credentials-for-" + request.workloadName() + "\"}");
        }

        @Override
        public void revoke(String workloadName) {
          revoked.add(workloadName);
        }
      };

  static AciSettings settings(String registry, int maxCreationsPerHour) {
    return new AciSettings(
        SUBSCRIPTION,
        "biotrack-jobs",
        "westeurope",
        "biotrack.azurecr.io/biotrack-worker:0.1.0",
        List.of("java", "-jar", "/app/biotrack-worker.jar", "run-job"),
        registry,
        registry == null ? null : IDENTITY,
        "modelcache",
        "biotrackmodels",
        SHARE_KEY,
        "/models",
        Map.of("BIOTRACK_STORAGE", "azure"),
        maxCreationsPerHour,
        Duration.ofMillis(200));
  }

  AciLauncher launcher(AciSettings settings) {
    return new AciLauncher(
        AciClients.unauthenticated(SUBSCRIPTION, arm.endpoint(), Duration.ofMillis(50)),
        settings,
        credentials,
        Clock.systemUTC());
  }

  /** For operator tests: a launcher on the fake with stand-in credentials. */
  public static AciLauncher launcher(
      ArmFake arm, int maxCreationsPerHour, WorkerCredentials credentials) {
    return new AciLauncher(
        AciClients.unauthenticated(SUBSCRIPTION, arm.endpoint(), Duration.ofMillis(50)),
        settings("biotrack.azurecr.io", maxCreationsPerHour),
        credentials,
        Clock.systemUTC());
  }

  @BeforeEach
  void start() throws Exception {
    arm = new ArmFake();
    launcher = launcher(settings("biotrack.azurecr.io", 300));
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  @Override
  protected WorkerLauncher launcher() {
    return launcher;
  }

  @Override
  protected void refresh() {
    launcher.poll();
  }

  @Override
  protected void platformRuns(WorkloadHandle handle) {
    arm.containerState(handle.name(), "Running", null, null);
  }

  @Override
  protected void platformEnds(WorkloadHandle handle, int exitCode) {
    arm.containerState(
        handle.name(), "Terminated", exitCode, exitCode == 0 ? "Completed" : "Error");
  }

  @Override
  protected Set<String> workloads() {
    return arm.groups();
  }

  @Override
  protected Map<String, String> environmentOf(WorkloadHandle handle) throws Exception {
    Map<String, String> env = new HashMap<>();
    arm.putBody(handle.name())
        .get("properties")
        .get("containers")
        .get(0)
        .get("properties")
        .get("environmentVariables")
        .forEach(
            v ->
                env.put(
                    v.get("name").asText(),
                    (v.has("value") ? v.get("value") : v.get("secureValue")).asText()));
    return env;
  }

  LaunchRequest request(int shard, int attempt, WorkerResources resources) {
    return new LaunchRequest(
        new ShardTask(jobId, "acme", "0123456789abcdef", shard, shard * 100L, 100, attempt, 0.2),
        resources,
        "md_v5a.0.0.torchscript");
  }

  @Test
  void aShardAttemptIsOneContainerGroupWithTheExactDefinition() throws Exception {
    WorkloadHandle handle = launcher.launch(request(3, 1, new WorkerResources(4, 16, 0)));

    String name = "biotrack-" + jobId + "-3-1";
    String path =
        "/subscriptions/"
            + SUBSCRIPTION
            + "/resourceGroups/biotrack-jobs/providers/"
            + "Microsoft.ContainerInstance/containerGroups/"
            + name;
    assertThat(handle).isEqualTo(new WorkloadHandle("aci", name, path));
    ObjectNode body = arm.putBody(name);
    assertThat(body.get("location").asText()).isEqualTo("westeurope");
    assertThat(body.get("tags").get("biotrack-job-id").asText()).isEqualTo(jobId);
    assertThat(body.get("tags").get("biotrack-tenant").asText()).isEqualTo("acme");
    assertThat(body.get("tags").get("biotrack-shard").asText()).isEqualTo("3");
    assertThat(body.get("tags").get("biotrack-attempt").asText()).isEqualTo("1");
    assertThat(Instant.parse(body.get("tags").get("biotrack-created-at").asText()))
        .isBetween(Instant.now().minusSeconds(60), Instant.now());
    // The identity pulls the image and does nothing else.
    assertThat(body.get("identity").get("type").asText()).isEqualTo("UserAssigned");
    assertThat(body.get("identity").get("userAssignedIdentities").has(IDENTITY)).isTrue();

    JsonNode properties = body.get("properties");
    assertThat(properties.get("osType").asText()).isEqualTo("Linux");
    assertThat(properties.get("restartPolicy").asText()).isEqualTo("Never");
    assertThat(properties.get("imageRegistryCredentials").get(0).get("server").asText())
        .isEqualTo("biotrack.azurecr.io");
    assertThat(properties.get("imageRegistryCredentials").get(0).get("identity").asText())
        .isEqualTo(IDENTITY);
    assertThat(properties.get("imageRegistryCredentials").get(0).has("password")).isFalse();
    JsonNode volume = properties.get("volumes").get(0);
    assertThat(volume.get("azureFile").get("shareName").asText()).isEqualTo("modelcache");
    assertThat(volume.get("azureFile").get("readOnly").asBoolean()).isTrue();

    JsonNode container = properties.get("containers").get(0);
    JsonNode spec = container.get("properties");
    assertThat(container.get("name").asText()).isEqualTo("worker");
    assertThat(spec.get("resources").get("requests").get("cpu").asDouble()).isEqualTo(4.0);
    assertThat(spec.get("resources").get("requests").get("memoryInGB").asDouble()).isEqualTo(16.0);
    assertThat(spec.has("ports")).isFalse();
    Map<String, String> plain = new HashMap<>();
    Map<String, String> secure = new HashMap<>();
    spec.get("environmentVariables")
        .forEach(
            v -> {
              if (v.has("secureValue")) {
                secure.put(v.get("name").asText(), v.get("secureValue").asText());
              } else {
                plain.put(v.get("name").asText(), v.get("value").asText());
              }
            });
    // The credentials for its shard travel as a secure value (ARM never returns it), the rest
    // plainly; no key, connection string, identity client id or storage endpoint.
    assertThat(secure).containsOnlyKeys("BIOTRACK_JOB_ACCESS");
    assertThat(plain)
        .containsEntry("BIOTRACK_STORAGE", "azure")
        .containsEntry("BIOTRACK_SHARD", "3")
        .containsEntry("BIOTRACK_MODEL", "/models/md_v5a.0.0.torchscript")
        .doesNotContainKeys(
            "AZURE_CLIENT_ID", "BIOTRACK_JOB_ACCESS", "BIOTRACK_AZURE_BLOB_ENDPOINT");
    assertThat(plain.keySet())
        .noneMatch(k -> k.contains("KEY") || k.contains("CONNECTION_STRING") || k.contains("SAS"));
    assertThat(plain.values())
        .noneMatch(v -> v.contains(SHARE_KEY) || v.contains("AccountKey=") || v.contains("sig"));
  }

  @Test
  void withoutAPrivateRegistryAGroupHasNoIdentityAtAll() throws Exception {
    WorkloadHandle handle =
        launcher(settings(null, 300)).launch(request(0, 1, WorkerResources.DEFAULT));

    ObjectNode body = arm.putBody(handle.name());
    assertThat(body.has("identity")).isFalse();
    assertThat(body.get("properties").has("imageRegistryCredentials")).isFalse();
  }

  @Test
  void throttledPutsAreRetriedWithBackoffAndMakeOneGroup() {
    arm.throttlePuts(2);

    launcher.launch(request(0, 1, WorkerResources.DEFAULT));

    List<ArmFake.Recorded> puts = arm.requests("PUT");
    assertThat(puts).hasSize(3);
    assertThat(Duration.between(puts.get(0).at(), puts.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(arm.groups()).containsExactly("biotrack-" + jobId + "-0-1");
  }

  @Test
  void throttlingBeyondTheClientsRetriesDefersTheLaunchWithArmsMessage() {
    arm.throttlePuts(50);

    assertThatThrownBy(() -> launcher.launch(request(0, 1, WorkerResources.DEFAULT)))
        .isInstanceOfSatisfying(
            LaunchDeferredException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("LaunchThrottled");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Azure throttled container group creation (TooManyRequests: The request is"
                          + " being throttled.)");
            });
    assertThat(arm.groups()).isEmpty();
    assertThat(launcher.creationsInTheLastHour()).isZero(); // nothing was created

    arm.throttlePuts(0); // later: the same attempt, still one group
    launcher.launch(request(0, 1, WorkerResources.DEFAULT));
    assertThat(arm.groups()).hasSize(1);
  }

  @Test
  void aLongRetryAfterDefersTheLaunchInsteadOfHoldingTheReconcilerThread() {
    arm.throttlePuts(1, Duration.ofHours(1));

    assertTimeoutPreemptively(
        Duration.ofMinutes(1), // not a measurement: honoured, the request would block for an hour
        () ->
            assertThatThrownBy(() -> launcher.launch(request(0, 1, WorkerResources.DEFAULT)))
                .isInstanceOfSatisfying(
                    LaunchDeferredException.class,
                    e -> assertThat(e.reason()).isEqualTo("LaunchThrottled")));
    assertThat(arm.requests("PUT")).hasSize(1);
    assertThat(arm.groups()).isEmpty();
  }

  @Test
  void aQuotaErrorDefersTheLaunchWithArmsMessage() {
    String quota =
        "Resource type 'Microsoft.ContainerInstance/containerGroups' container group quota"
            + " 'StandardCores' exceeded in region 'westeurope'. Limit: '100', Usage: '100'"
            + " Requested: '4'.";
    arm.refusePuts(409, "ContainerGroupQuotaReached", quota);

    assertThatThrownBy(() -> launcher.launch(request(0, 1, WorkerResources.DEFAULT)))
        .isInstanceOfSatisfying(
            LaunchDeferredException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("QuotaExceeded");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "an Azure quota is reached (ContainerGroupQuotaReached: " + quota + ")");
            });
    assertThat(arm.groups()).isEmpty();
  }

  @Test
  void anotherArmErrorIsNoDeferral() {
    arm.refusePuts(400, "InvalidContainerGroupName", "The container group name is not valid.");

    assertThatThrownBy(() -> launcher.launch(request(0, 1, WorkerResources.DEFAULT)))
        .isInstanceOf(ManagementException.class);
  }

  @Test
  void creationsStayUnderTheHourlyLimitAlsoAfterARestart() {
    AciLauncher limited = launcher(settings("biotrack.azurecr.io", 2));
    limited.launch(request(0, 1, WorkerResources.DEFAULT));
    limited.launch(request(1, 1, WorkerResources.DEFAULT));

    assertThatThrownBy(() -> limited.launch(request(2, 1, WorkerResources.DEFAULT)))
        .isInstanceOfSatisfying(
            LaunchDeferredException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("CreationRateLimited");
              assertThat(e.getMessage())
                  .startsWith(
                      "at most 2 container groups are created per hour; the next can be created"
                          + " at ");
            });
    assertThat(arm.groups()).hasSize(2);
    limited.launch(request(0, 1, WorkerResources.DEFAULT)); // an existing group is no creation

    // A restarted operator counts the groups that exist by their creation tags.
    AciLauncher restarted = launcher(settings("biotrack.azurecr.io", 2));
    assertThatThrownBy(() -> restarted.launch(request(2, 1, WorkerResources.DEFAULT)))
        .isInstanceOf(LaunchDeferredException.class);
    assertThat(restarted.creationsInTheLastHour()).isEqualTo(2);
    assertThat(arm.requests("PUT")).hasSize(2);
  }

  @Test
  void stateComesFromPollsNotFromAReadPerLook() {
    WorkloadHandle running = launcher.launch(request(0, 1, WorkerResources.DEFAULT));
    WorkloadHandle ended = launcher.launch(request(1, 1, WorkerResources.DEFAULT));
    arm.containerState(running.name(), "Running", null, null);
    arm.containerState(ended.name(), "Terminated", 1, "Error");
    launcher.poll();

    long reads = arm.groupReads();
    for (int look = 0; look < 10; look++) {
      assertThat(launcher.status(running)).isEqualTo(WorkloadStatus.RUNNING);
      assertThat(launcher.status(ended)).isEqualTo(WorkloadStatus.failed(1, "Error"));
    }
    assertThat(arm.groupReads()).isEqualTo(reads);

    launcher.poll(); // an ended group's state does not change: only the running one is read
    assertThat(arm.groupReads()).isEqualTo(reads + 1);
  }

  @Test
  void aGroupThatFailedToProvisionIsAFailedWorkload() {
    arm.provisionAs("Failed");
    WorkloadHandle handle = launcher.launch(request(0, 1, WorkerResources.DEFAULT));
    launcher.poll();

    WorkloadStatus status = launcher.status(handle);
    assertThat(status.phase()).isEqualTo(WorkloadPhase.FAILED);
    assertThat(status.reason()).isEqualTo("container group provisioning failed");
  }

  @Test
  void aLongPlatformTextIsNoReasonPeopleSee() {
    WorkloadHandle handle = launcher.launch(request(0, 1, WorkerResources.DEFAULT));
    arm.containerState(
        handle.name(),
        "Terminated",
        1,
        "Error: failed to start container: exec: \"/app/run\" at /var/lib/containerd/io.containerd:"
            + " no such file");
    launcher.poll();

    assertThat(launcher.status(handle))
        .isEqualTo(new WorkloadStatus(WorkloadPhase.FAILED, 1, null));
  }

  @Test
  void deletingAGroupDropsItsCredentials() {
    WorkloadHandle handle = launcher.launch(request(0, 1, WorkerResources.DEFAULT));
    launcher.delete(handle);
    assertThat(revoked).containsExactly(handle.name());
  }

  @Test
  void gpuJobsAreRejected() {
    assertThatThrownBy(() -> launcher.launch(request(0, 1, new WorkerResources(4, 16, 1))))
        .isInstanceOf(LaunchRejectedException.class)
        .hasMessageContaining("kubernetes launcher");
    assertThat(arm.requests()).isEmpty();
  }
}
