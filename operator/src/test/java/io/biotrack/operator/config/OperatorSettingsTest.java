package io.biotrack.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.config.SettingsException;
import io.biotrack.operator.launch.aci.AciSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
  static Map<String, String> aci() {
    Map<String, String> env = new HashMap<>();
    env.put("BIOTRACK_OPERATOR_LAUNCHER", "aci");
    env.put("BIOTRACK_WORKER_IMAGE", "myacr.azurecr.io/biotrack-worker:1");
    env.put("BIOTRACK_ACI_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000001");
    env.put("BIOTRACK_ACI_RESOURCE_GROUP", "workers");
    env.put("BIOTRACK_ACI_REGION", "westeurope");
    env.put("BIOTRACK_ACI_MODEL_SHARE_ACCOUNT", "models");
    env.put("BIOTRACK_ACI_MODEL_SHARE_KEY", "a2V5");
    return env;
  }

  @Test
  void aciNeedsNoWorkerIdentityAndLimitsCreationsPerHour() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(aci()::get);

    AciSettings aci = settings.launchers().aci();
    assertThat(aci.pullIdentityId()).isNull();
    assertThat(aci.registryServer()).isNull();
    assertThat(aci.maxCreationsPerHour()).isEqualTo(300);
    assertThat(aci.pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.recordPoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.launchers().workerJobs().jobLabels()).isEmpty();
    assertThat(settings.toString()).doesNotContain("a2V5");
  }

  @Test
  void aPrivateRegistryNeedsTheIdentityThatPullsFromIt() {
    Map<String, String> env = aci();
    env.put("BIOTRACK_ACI_REGISTRY", "myacr.azurecr.io");

    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining(
            "BIOTRACK_ACI_IDENTITY_ID is required when BIOTRACK_ACI_REGISTRY is set");

    env.put(
        "BIOTRACK_ACI_IDENTITY_ID",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull");
    env.put("BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR", "120");
    env.put("BIOTRACK_ACI_POLL_SECONDS", "2.5");
    env.put("BIOTRACK_OPERATOR_RECORD_POLL_SECONDS", "1");
    env.put("BIOTRACK_WORKER_JOB_LABELS", "kueue.x-k8s.io/queue-name=biotrack");
    OperatorSettings settings = OperatorSettings.fromEnvironment(env::get);
    assertThat(settings.launchers().aci().pullIdentityId()).endsWith("/pull");
    assertThat(settings.launchers().aci().maxCreationsPerHour()).isEqualTo(120);
    assertThat(settings.launchers().aci().pollInterval()).isEqualTo(Duration.ofMillis(2500));
    assertThat(settings.recordPoll()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.launchers().workerJobs().jobLabels())
        .containsEntry("kueue.x-k8s.io/queue-name", "biotrack");
  }

  @Test
  void aZeroCreationLimitIsRefused() {
    Map<String, String> env = aci();
    env.put("BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR", "0");

    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .hasMessageContaining(
            "BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR must be between 1 and 100000, was 0");
  }

  @Test
  void workersGetTheOperatorsLogFormat() {
    Map<String, String> env = aci();
    assertThat(OperatorSettings.fromEnvironment(env::get).launchers().remote().environment())
        .containsOnly(
            Map.entry("BIOTRACK_LOG_FORMAT", "text"), Map.entry("BIOTRACK_STORAGE", "azure"));

    env.put("BIOTRACK_LOG_FORMAT", "json");
    OperatorSettings json = OperatorSettings.fromEnvironment(env::get);
    assertThat(json.launchers().workerJobs().workerEnvironment())
        .containsEntry("BIOTRACK_LOG_FORMAT", "json");
    assertThat(json.launchers().aci().workerEnvironment())
        .containsEntry("BIOTRACK_LOG_FORMAT", "json");

    env.put("BIOTRACK_LOG_FORMAT", "xml");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .hasMessageContaining("BIOTRACK_LOG_FORMAT must be one of text, json, was 'xml'");
  }

  @Test
  void everyProblemOfEverySectionAtOnceOnePerLine() {
    Map<String, String> env = aci();
    env.remove("BIOTRACK_WORKER_IMAGE");
    env.remove("BIOTRACK_ACI_REGION");
    env.put("BIOTRACK_WORKER_CPU", "64");
    env.put("BIOTRACK_OPERATOR_INGEST_BATCH", "33");
    env.put("BIOTRACK_OPERATOR_LEADER_ELECTION", "maybe");
    env.put("BIOTRACK_POD_NODE_SELECTOR", "gpu");
    env.put("BIOTRACK_OPERATOR_POLL_SECONDS", "0");

    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .isInstanceOfSatisfying(
            SettingsException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "BIOTRACK_WORKER_CPU must be between 0.1 and 31, was 64",
                        "BIOTRACK_OPERATOR_POLL_SECONDS must be more than 0, was 0",
                        "BIOTRACK_OPERATOR_INGEST_BATCH must be between 1 and 32, was 33",
                        "BIOTRACK_POD_NODE_SELECTOR must be key=value pairs separated by commas,"
                            + " was 'gpu'",
                        "BIOTRACK_ACI_REGION is required when BIOTRACK_ACI_SUBSCRIPTION_ID is set",
                        "BIOTRACK_OPERATOR_LEADER_ELECTION must be true or false, was 'maybe'",
                        "BIOTRACK_WORKER_IMAGE is required for the aci launcher"))
        .hasMessageContaining("\n  - BIOTRACK_WORKER_CPU must be between 0.1 and 31, was 64\n");
  }

  @Test
  void documentedDefaults() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(Map.of("BIOTRACK_OPERATOR_LAUNCHER", "local")::get);

    assertThat(settings.jobDefaults().maxAttempts()).isEqualTo(3);
    assertThat(settings.jobDefaults().activeDeadline()).isEqualTo(Duration.ofHours(6));
    assertThat(settings.jobDefaults().ttlAfterFinished()).isEqualTo(Duration.ofDays(1));
    assertThat(settings.jobDefaults().model()).isEqualTo("md_v5a.0.0.torchscript");
    assertThat(settings.dispatch().maxConcurrentWorkloads()).isEqualTo(10);
    assertThat(settings.ingestion().batch()).isEqualTo(16);
    assertThat(settings.ingestion().namespace()).isNull();
    assertThat(settings.ingestion().inNamespace("biotrack").namespace()).isEqualTo("biotrack");
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.leaseName()).isEqualTo("biotrack-operator");
    assertThat(settings.launchers().workerJobs()).isNull();
    assertThat(settings.launchers().aci()).isNull();
    assertThat(settings.launchers().remote().command())
        .containsExactly("java", "-jar", "/app/biotrack-worker.jar", "run-job");
    assertThat(settings.launchers().local().command())
        .containsExactly("java", "-jar", "worker/target/biotrack-worker.jar", "run-job");
  }

  @Test
  void expectedModelDigestsAreReadAndHandedToWorkers() {
    Map<String, String> env = aci();
    String digest = "c0".repeat(32);
    env.put("BIOTRACK_MODEL_DIGESTS", "mdv5a=" + digest);

    OperatorSettings settings = OperatorSettings.fromEnvironment(env::get);
    assertThat(settings.launchers().remote().environment())
        .containsEntry("BIOTRACK_MODEL_DIGESTS", "mdv5a=" + digest);
    assertThat(settings.launchers().aci().workerEnvironment())
        .containsEntry("BIOTRACK_MODEL_DIGESTS", "mdv5a=" + digest);
    assertThat(OperatorSettings.fromEnvironment(aci()::get).launchers().remote().environment())
        .doesNotContainKey("BIOTRACK_MODEL_DIGESTS");

    env.put("BIOTRACK_MODEL_DIGESTS", "mdv5a=123");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("BIOTRACK_MODEL_DIGESTS: 'mdv5a=123' is not NAME=SHA256");
  }
}
