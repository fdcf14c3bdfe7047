package io.biotrack.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    assertThat(settings.aci().identityId()).isNull();
    assertThat(settings.aci().registry()).isNull();
    assertThat(settings.aci().maxCreationsPerHour()).isEqualTo(300);
    assertThat(settings.aci().pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.recordPoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.workerJobLabels()).isEmpty();
    assertThat(settings.toString()).doesNotContain("a2V5");
  }

  @Test
  void aPrivateRegistryNeedsTheIdentityThatPullsFromIt() {
    Map<String, String> env = aci();
    env.put("BIOTRACK_ACI_REGISTRY", "myacr.azurecr.io");

    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .isInstanceOf(InvalidOperatorSettingsException.class)
        .hasMessageContaining("BIOTRACK_ACI_IDENTITY_ID is required when BIOTRACK_ACI_REGISTRY is set");

    env.put("BIOTRACK_ACI_IDENTITY_ID", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull");
    env.put("BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR", "120");
    env.put("BIOTRACK_ACI_POLL_SECONDS", "2.5");
    env.put("BIOTRACK_OPERATOR_RECORD_POLL_SECONDS", "1");
    env.put("BIOTRACK_WORKER_JOB_LABELS", "kueue.x-k8s.io/queue-name=biotrack");
    OperatorSettings settings = OperatorSettings.fromEnvironment(env::get);
    assertThat(settings.aci().identityId()).endsWith("/pull");
    assertThat(settings.aci().maxCreationsPerHour()).isEqualTo(120);
    assertThat(settings.aci().pollInterval()).isEqualTo(Duration.ofMillis(2500));
    assertThat(settings.recordPoll()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.workerJobLabels()).containsEntry("kueue.x-k8s.io/queue-name", "biotrack");
  }

  @Test
  void aZeroCreationLimitIsRefused() {
    Map<String, String> env = aci();
    env.put("BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR", "0");

    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .hasMessageContaining("BIOTRACK_ACI_MAX_CREATIONS_PER_HOUR must be between 1 and 100000, was 0");
  }

  @Test
  void expectedModelDigestsAreReadAndHandedToWorkers() {
    Map<String, String> env = aci();
    String digest = "c0".repeat(32);
    env.put("BIOTRACK_MODEL_DIGESTS", "mdv5a=" + digest);

    OperatorSettings settings = OperatorSettings.fromEnvironment(env::get);
    assertThat(settings.modelDigests().byName()).containsEntry("mdv5a", digest);
    assertThat(io.biotrack.operator.launch.LauncherAssembly.modelDigestsEnvironment(settings))
        .containsEntry("BIOTRACK_MODEL_DIGESTS", "mdv5a=" + digest);
    assertThat(OperatorSettings.fromEnvironment(aci()::get).modelDigests().isEmpty()).isTrue();

    env.put("BIOTRACK_MODEL_DIGESTS", "mdv5a=123");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(env::get))
        .isInstanceOf(InvalidOperatorSettingsException.class)
        .hasMessageContaining("BIOTRACK_MODEL_DIGESTS: 'mdv5a=123' is not NAME=SHA256");
  }
}
