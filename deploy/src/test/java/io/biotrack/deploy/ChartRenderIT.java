package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.KubernetesModel;
import io.biotrack.deploy.support.Rendered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code helm template} renders: the objects, their wiring, and that Kubernetes knows every
 * field.
 */
class ChartRenderIT {
  private static final String ALL_OPTIONS =
      "gateway.ingress.enabled=true,gateway.ingress.tlsSecretName=api-tls,serviceMonitor.enabled=true,"
          + "gateway.apiKeysSecret.name=biotrack-api-keys,storage.connectionStringSecret.name=dev-storage";

  private static final List<String> PLATFORM =
      List.of(
          "ConfigMap/biotrack-storage",
          "ConfigMap/biotrack-gateway",
          "ConfigMap/biotrack-operator",
          "ServiceAccount/biotrack-gateway",
          "ServiceAccount/biotrack-operator",
          "Deployment/biotrack-gateway",
          "Deployment/biotrack-operator",
          "Service/biotrack-gateway",
          "Role/biotrack-operator",
          "RoleBinding/biotrack-operator",
          "PodDisruptionBudget/biotrack-gateway",
          "PodDisruptionBudget/biotrack-operator",
          "NetworkPolicy/biotrack-gateway",
          "NetworkPolicy/biotrack-operator");

  @Test
  void defaultsRenderThePlatformAndNothingElse() {
    Rendered rendered = Helm.render();

    assertThat(rendered.names()).containsExactlyInAnyOrderElementsOf(PLATFORM);
    assertThat(rendered.kinds()).doesNotContain("Secret", "CustomResourceDefinition");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aci", "virtual-node", "kubernetes"})
  void eachLauncherRenders(String launcher) {
    Rendered rendered = Helm.render("--set", "operator.launcher=" + launcher);

    List<String> expected = new ArrayList<>(PLATFORM);
    if (!launcher.equals("aci")) {
      // Worker Jobs run in the cluster: their NetworkPolicy comes along (no ServiceAccount:
      // workers hold no identity).
      expected.add("NetworkPolicy/biotrack-worker");
    }
    assertThat(rendered.names()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(
            rendered
                .get("ConfigMap", "biotrack-operator")
                .path("data")
                .path("BIOTRACK_OPERATOR_LAUNCHER")
                .asText())
        .isEqualTo(launcher);
  }

  @Test
  void optionalIngressAndServiceMonitors() {
    Rendered rendered = Helm.render("--set", ALL_OPTIONS);

    JsonNode ingress = rendered.get("Ingress", "biotrack-gateway");
    JsonNode rule = ingress.path("spec").path("rules").get(0);
    assertThat(rule.path("host").asText()).isEqualTo("biotrack.example.org");
    assertThat(rule.at("/http/paths/0/backend/service/name").asText())
        .isEqualTo("biotrack-gateway");
    assertThat(rule.at("/http/paths/0/backend/service/port/name").asText()).isEqualTo("http");
    assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("api-tls");

    JsonNode gatewayMonitor = rendered.get("ServiceMonitor", "biotrack-gateway");
    assertThat(gatewayMonitor.at("/spec/endpoints/0/path").asText())
        .isEqualTo("/actuator/prometheus");
    JsonNode operatorMonitor = rendered.get("ServiceMonitor", "biotrack-operator");
    // Each monitor selects exactly its metrics Service, whose port it names.
    for (JsonNode monitor : List.of(gatewayMonitor, operatorMonitor)) {
      List<JsonNode> services =
          rendered
              .ofKind("Service")
              .filter(
                  s ->
                      labelsMatch(
                          monitor.at("/spec/selector/matchLabels"),
                          s.path("metadata").path("labels")))
              .toList();
      assertThat(services).as(Rendered.nameOf(monitor)).hasSize(1);
      assertThat(portNames(services.get(0).at("/spec/ports")))
          .contains(monitor.at("/spec/endpoints/0/port").asText());
    }
    // The API's Service (and so the Ingress) never exposes the management port.
    assertThat(portNames(rendered.get("Service", "biotrack-gateway").at("/spec/ports")))
        .containsExactly("http");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "operator.launcher=aci",
        "operator.launcher=virtual-node",
        "operator.launcher=kubernetes,kubernetes.gpu.enabled=true," + ALL_OPTIONS
      })
  void kubernetesKnowsEveryRenderedField(String settings) {
    Rendered rendered = Helm.render("--set", settings);

    List<String> unknown = new ArrayList<>();
    for (JsonNode object : rendered.objects()) {
      if (KubernetesModel.isModelled(object)) {
        unknown.addAll(KubernetesModel.unknownFields(object));
      } else {
        assertThat(object.path("kind").asText())
            .as("only CRD kinds are unmodelled")
            .isEqualTo("ServiceMonitor");
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void aMisplacedFieldIsCaught() {
    // extraEnv is passed through as written: a typo there reaches the Deployment unchanged.
    Rendered rendered =
        Helm.render("--set", "gateway.extraEnv[0].name=DEBUG,gateway.extraEnv[0].valeu=1");

    assertThat(KubernetesModel.unknownFields(rendered.get("Deployment", "biotrack-gateway")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("containers[0].env[")
        .contains("[valeu]");
  }

  @Test
  void everythingLivesInTheReleaseNamespace() {
    Rendered rendered = Helm.render("--set", "operator.launcher=kubernetes," + ALL_OPTIONS);

    for (JsonNode object : rendered.objects()) {
      assertThat(object.path("metadata").path("namespace").asText())
          .as(Rendered.nameOf(object))
          .isEqualTo(Helm.NAMESPACE);
      assertThat(object.path("metadata").path("name").asText())
          .as("DNS label")
          .hasSizeLessThanOrEqualTo(63);
      assertThat(object.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
          .isEqualTo("biotrack");
    }
  }

  @Test
  void selectorsFindTheirPods() {
    Rendered rendered = Helm.render("--set", ALL_OPTIONS);
    JsonNode gatewayPod =
        rendered.get("Deployment", "biotrack-gateway").at("/spec/template/metadata/labels");
    JsonNode operatorPod =
        rendered.get("Deployment", "biotrack-operator").at("/spec/template/metadata/labels");

    for (JsonNode deployment : rendered.ofKind("Deployment").toList()) {
      assertThat(
              labelsMatch(
                  deployment.at("/spec/selector/matchLabels"),
                  deployment.at("/spec/template/metadata/labels")))
          .as(Rendered.nameOf(deployment))
          .isTrue();
    }
    assertThat(
            labelsMatch(
                rendered.get("Service", "biotrack-gateway").at("/spec/selector"), gatewayPod))
        .isTrue();
    assertThat(
            labelsMatch(
                rendered.get("Service", "biotrack-gateway").at("/spec/selector"), operatorPod))
        .isFalse();
    assertThat(
            labelsMatch(
                rendered
                    .get("PodDisruptionBudget", "biotrack-gateway")
                    .at("/spec/selector/matchLabels"),
                gatewayPod))
        .isTrue();
    assertThat(
            labelsMatch(
                rendered
                    .get("PodDisruptionBudget", "biotrack-operator")
                    .at("/spec/selector/matchLabels"),
                operatorPod))
        .isTrue();
    assertThat(
            labelsMatch(
                rendered
                    .get("NetworkPolicy", "biotrack-gateway")
                    .at("/spec/podSelector/matchLabels"),
                gatewayPod))
        .isTrue();
    assertThat(
            labelsMatch(
                rendered
                    .get("NetworkPolicy", "biotrack-operator")
                    .at("/spec/podSelector/matchLabels"),
                operatorPod))
        .isTrue();
  }

  @Test
  void namedPortsExistOnTheContainers() {
    Rendered rendered = Helm.render("--set", ALL_OPTIONS);
    Map<String, List<String>> containerPorts = new HashMap<>();
    for (JsonNode deployment : rendered.ofKind("Deployment").toList()) {
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      List<String> ports = portNames(container.path("ports"));
      containerPorts.put(deployment.at("/metadata/name").asText(), ports);
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        assertThat(ports)
            .as("%s %s port", Rendered.nameOf(deployment), probe)
            .contains(container.path(probe).at("/httpGet/port").asText());
      }
    }
    for (JsonNode service : rendered.ofKind("Service").toList()) {
      String target = service.at("/spec/selector/app.kubernetes.io~1component").asText();
      for (JsonNode port : service.at("/spec/ports")) {
        assertThat(containerPorts.get("biotrack-" + target))
            .as(Rendered.nameOf(service))
            .contains(port.path("targetPort").asText());
      }
    }
    for (String component : List.of("gateway", "operator")) {
      JsonNode policy = rendered.get("NetworkPolicy", "biotrack-" + component);
      for (JsonNode rule : policy.at("/spec/ingress")) {
        for (JsonNode port : rule.path("ports")) {
          assertThat(containerPorts.get("biotrack-" + component))
              .as(Rendered.nameOf(policy))
              .contains(port.path("port").asText());
        }
      }
    }
  }

  /**
   * Issue 14: the chart's expected model digests reach the operator, which hands them to workers.
   */
  @Test
  void expectedModelDigestsReachTheOperator() {
    String a = "ab".repeat(32);
    String b = "cd".repeat(32);
    JsonNode data =
        Helm.render(
                "--set-string", "model.sha256.mdv5a=" + a + ",model.sha256.mdv1000-redwood=" + b)
            .get("ConfigMap", "biotrack-operator")
            .path("data");

    assertThat(data.path("BIOTRACK_MODEL_DIGESTS").asText())
        .isEqualTo("mdv1000-redwood=" + b + ",mdv5a=" + a);
    assertThat(
            Helm.render()
                .get("ConfigMap", "biotrack-operator")
                .path("data")
                .has("BIOTRACK_MODEL_DIGESTS"))
        .as("none by default")
        .isFalse();
  }

  @Test
  void changedSettingsRollThePods() {
    String before =
        Helm.render()
            .get("Deployment", "biotrack-gateway")
            .at("/spec/template/metadata/annotations/checksum~1config")
            .asText();
    String after =
        Helm.render("--set", "gateway.maxFiles=500")
            .get("Deployment", "biotrack-gateway")
            .at("/spec/template/metadata/annotations/checksum~1config")
            .asText();
    String operatorBefore =
        Helm.render()
            .get("Deployment", "biotrack-operator")
            .at("/spec/template/metadata/annotations/checksum~1storage")
            .asText();
    String operatorAfter =
        Helm.render("--set", "storage.accountName=biotrackdata")
            .get("Deployment", "biotrack-operator")
            .at("/spec/template/metadata/annotations/checksum~1storage")
            .asText();

    assertThat(before).hasSize(64).isNotEqualTo(after);
    assertThat(operatorBefore).hasSize(64).isNotEqualTo(operatorAfter);
  }

  static boolean labelsMatch(JsonNode selector, JsonNode labels) {
    if (selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
      if (!field.getValue().asText().equals(labels.path(field.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  static List<String> portNames(JsonNode ports) {
    List<String> names = new ArrayList<>();
    ports.forEach(p -> names.add(p.path("name").asText()));
    return names;
  }
}
