package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Rendered;
import io.biotrack.deploy.support.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code helm test}'s Pod (templates/tests/): a test hook that asks the gateway's Service with the
 * gateway's own image, as hardened as the chart's other Pods, and not in the kubectl manifests. (It
 * runs against a cluster only; CI here has none, so what it asks is checked as rendered.)
 */
class ChartTestsIT {
  @Test
  void aTestHookAsksTheGatewaysServiceWithTheGatewaysImage() {
    Rendered rendered =
        Helm.renderWithTests(
            "--set", "image.registry=example.azurecr.io,gateway.service.port=8080");
    List<JsonNode> tests =
        rendered
            .ofKind("Pod")
            .filter(p -> p.at("/metadata/annotations").path("helm.sh/hook").asText().equals("test"))
            .toList();

    assertThat(tests).hasSize(1);
    JsonNode pod = tests.get(0);
    JsonNode container = pod.at("/spec/containers/0");
    JsonNode gatewayImage =
        rendered.get("Deployment", "biotrack-gateway").at("/spec/template/spec/containers/0/image");
    assertThat(container.path("image")).isEqualTo(gatewayImage);
    assertThat(container.path("env").toString())
        .contains(
            "{\"name\":\"HOST\",\"value\":\"biotrack-gateway\"}",
            "{\"name\":\"PORT\",\"value\":\"8080\"}");
    assertThat(rendered.get("Service", "biotrack-gateway").at("/spec/ports/0/port").asInt())
        .isEqualTo(8080);
    assertThat(container.path("args").toString()).contains("GET /api/v1/jobs", " 401 ");
    assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
  }

  @Test
  void theKubectlManifestsAndWhatInstallAppliesLeaveItOut() throws IOException {
    assertThat(Files.readString(Repo.manifests().resolve("biotrack.yaml")))
        .doesNotContain("helm.sh/hook: test");
    assertThat(Helm.render().ofKind("Pod")).isEmpty();
  }
}
