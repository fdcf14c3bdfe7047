package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every pod runs hardened (non-root, read-only root filesystem with a writable /tmp, no privilege
 * escalation, no capabilities, RuntimeDefault seccomp), with resources and probes, and secrets only
 * ever arrive as references.
 */
class PodSecurityIT {
  /** Settings that hold a secret; *_SECRET and *_SECRET_NAME name a Secret object instead. */
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?!.*_SECRET(_NAME)?$).*(KEY|SECRET|PASSWORD|TOKEN|CONNECTION_STRING|_SAS\\b).*");

  private static final String SECRETS_SET =
      "gateway.apiKeysSecret.name=biotrack-api-keys,storage.connectionStringSecret.name=dev-storage";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aci", "virtual-node", "kubernetes"})
  void podsAreHardened(String launcher) {
    Rendered rendered = Helm.render("--set", "operator.launcher=" + launcher);

    assertThat(rendered.podTemplates()).hasSize(2);
    for (JsonNode template : rendered.podTemplates()) {
      JsonNode pod = template.path("spec");
      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
      assertThat(pod.at("/securityContext/seccompProfile/type").asText())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
      assertThat(pod.path("hostPID").asBoolean(false)).isFalse();

      List<String> volumes = new ArrayList<>();
      pod.path("volumes")
          .forEach(
              v -> {
                if (v.has("emptyDir")) volumes.add(v.path("name").asText());
              });
      for (JsonNode container : pod.path("containers")) {
        String name = container.path("name").asText();
        JsonNode security = container.path("securityContext");
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as(name).isTrue();
        assertThat(security.path("privileged").asBoolean(false)).as(name).isFalse();
        assertThat(security.at("/capabilities/drop").toString()).as(name).isEqualTo("[\"ALL\"]");
        assertThat(security.at("/capabilities/add").isMissingNode()).as(name).isTrue();

        // The JVM needs a writable /tmp: an emptyDir, since the root filesystem is read-only.
        JsonNode tmp = null;
        for (JsonNode mount : container.path("volumeMounts")) {
          if (mount.path("mountPath").asText().equals("/tmp")) {
            tmp = mount;
          }
        }
        assertThat(tmp).as("%s mounts /tmp", name).isNotNull();
        assertThat(volumes).contains(tmp.path("name").asText());

        assertThat(container.at("/resources/requests/cpu").asText()).as(name).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).as(name).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).as(name).isNotEmpty();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          assertThat(container.path(probe).at("/httpGet/path").asText())
              .as("%s %s", name, probe)
              .startsWith("/");
        }
        assertThat(container.path("image").asText()).as(name).matches(".+:.+");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aci", "virtual-node", "kubernetes"})
  void secretsArriveOnlyAsReferences(String launcher) {
    Rendered rendered = Helm.render("--set", "operator.launcher=" + launcher + "," + SECRETS_SET);

    assertThat(rendered.kinds()).doesNotContain("Secret");
    for (JsonNode configMap : rendered.ofKind("ConfigMap").toList()) {
      configMap
          .path("data")
          .fieldNames()
          .forEachRemaining(
              key -> assertThat(key).as(Rendered.nameOf(configMap)).doesNotMatch(SECRET_NAME));
    }
    List<String> secretRefs = new ArrayList<>();
    for (JsonNode template : rendered.podTemplates()) {
      for (JsonNode container : template.at("/spec/containers")) {
        for (JsonNode env : container.path("env")) {
          String name = env.path("name").asText();
          if (SECRET_NAME.matcher(name).matches()) {
            assertThat(env.has("value"))
                .as("%s is set from a Secret, never a value", name)
                .isFalse();
            assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).as(name).isNotEmpty();
            secretRefs.add(name + "<-" + env.at("/valueFrom/secretKeyRef/name").asText());
          }
        }
      }
    }
    assertThat(secretRefs)
        .contains(
            "BIOTRACK_API_KEYS<-biotrack-api-keys",
            "BIOTRACK_AZURE_CONNECTION_STRING<-dev-storage");
    // Workers' credentials are SAS URLs the operator signs with a user-delegation key: no
    // account key for signing exists in the chart any more.
    assertThat(secretRefs)
        .noneMatch(ref -> ref.startsWith("BIOTRACK_OPERATOR_SAS_CONNECTION_STRING"));
    if (launcher.equals("aci")) {
      // ACI mounts the model share with the account key; only the operator reads it.
      assertThat(secretRefs).contains("BIOTRACK_ACI_MODEL_SHARE_KEY<-biotrack-modelcache");
    } else {
      assertThat(secretRefs).noneMatch(ref -> ref.startsWith("BIOTRACK_ACI_MODEL_SHARE_KEY"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"true", "false"})
  void workloadIdentityAnnotatesServiceAccountsAndLabelsPods(String enabled) {
    String clientIds =
        "gateway.serviceAccount.workloadIdentityClientId=11111111-1111-1111-1111-111111111111,"
            + "operator.serviceAccount.workloadIdentityClientId=22222222-2222-2222-2222-222222222222,"
            + "workloadIdentity.tenantId=44444444-4444-4444-4444-444444444444";
    Rendered rendered =
        Helm.render(
            "--set",
            "operator.launcher=kubernetes,workloadIdentity.enabled=" + enabled + "," + clientIds);
    boolean on = Boolean.parseBoolean(enabled);

    assertThat(rendered.names())
        .doesNotContain("ServiceAccount/biotrack-worker"); // workers hold no identity
    for (String component : List.of("gateway", "operator")) {
      JsonNode annotations =
          rendered.get("ServiceAccount", "biotrack-" + component).at("/metadata/annotations");
      assertThat(annotations.path("azure.workload.identity/client-id").asText(null))
          .as(component)
          .isEqualTo(on ? clientIdOf(component) : null);
      assertThat(annotations.path("azure.workload.identity/tenant-id").asText(null))
          .isEqualTo(on ? "44444444-4444-4444-4444-444444444444" : null);
    }
    for (JsonNode template : rendered.podTemplates()) {
      assertThat(template.at("/metadata/labels/azure.workload.identity~1use").asText(null))
          .isEqualTo(on ? "true" : null);
    }
  }

  private static String clientIdOf(String component) {
    return switch (component) {
      case "gateway" -> "11111111-1111-1111-1111-111111111111";
      case "operator" -> "22222222-2222-2222-2222-222222222222";
      default -> "33333333-3333-3333-3333-333333333333";
    };
  }
}
