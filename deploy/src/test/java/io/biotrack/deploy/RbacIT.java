package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.deploy.support.Helm;
import io.biotrack.deploy.support.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege: the operator's Role grants exactly what it uses, per launcher, and nothing
 * cluster-wide; the gateway and workers get no Kubernetes API access at all.
 */
class RbacIT {
  /** Rules every launcher needs: BioJobs, their status and finalizers, Events, the leader Lease. */
  private static final List<String> COMMON =
      List.of(
          "biotrack.io/biojobs [] create,delete,get,list,patch,update,watch",
          "biotrack.io/biojobs/status [] get,patch,update",
          "biotrack.io/biojobs/finalizers [] update",
          "core/events [] create,get,patch",
          "coordination.k8s.io/leases [] create",
          "coordination.k8s.io/leases [biotrack-operator] get,update");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aci", "virtual-node", "kubernetes"})
  void operatorRoleGrantsExactlyWhatTheLauncherUses(String launcher) {
    Rendered rendered = Helm.render("--set", "operator.launcher=" + launcher);

    List<String> expected = new ArrayList<>(COMMON);
    switch (launcher) {
      case "aci" -> {} // container groups live in Azure: no Jobs, Pods or Secrets
      case "kubernetes", "virtual-node" -> {
        // A batch/v1 Job per shard attempt (watched), its Pods watched only, the worker's
        // credentials in a Secret.
        expected.add("batch/jobs [] create,delete,get,list,watch");
        expected.add("core/pods [] list,watch");
        expected.add("core/secrets [] create,delete,get,patch");
      }
      default -> throw new IllegalArgumentException(launcher);
    }
    assertThat(rules(rendered.get("Role", "biotrack-operator")))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aci", "virtual-node", "kubernetes"})
  void nothingClusterWide(String launcher) {
    Rendered rendered = Helm.render("--set", "operator.launcher=" + launcher);

    // The operator watches and writes in its own namespace and never reads the CRD itself.
    assertThat(rendered.kinds()).doesNotContain("ClusterRole", "ClusterRoleBinding");
  }

  @Test
  void bindingsGrantOnlyTheOperatorsServiceAccount() {
    Rendered rendered = Helm.render("--set", "operator.launcher=kubernetes");

    JsonNode binding = rendered.get("RoleBinding", "biotrack-operator");
    assertThat(binding.at("/subjects")).hasSize(1);
    assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("biotrack-operator");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(Helm.NAMESPACE);
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo("biotrack-operator");
    assertThat(rendered.ofKind("RoleBinding")).hasSize(1);
  }

  @Test
  void noWildcardsAndNoEscalationVerbs() {
    for (String launcher : List.of("aci", "virtual-node", "kubernetes")) {
      Rendered rendered = Helm.render("--set", "operator.launcher=" + launcher);
      for (JsonNode role : rendered.ofKind("Role").toList()) {
        for (String rule : rules(role)) {
          assertThat(rule)
              .as(Rendered.nameOf(role))
              .doesNotContain("*")
              .doesNotContain("escalate", "bind", "impersonate");
        }
      }
    }
  }

  @Test
  void gatewayAndWorkersGetNoApiToken() {
    Rendered rendered = Helm.render("--set", "operator.launcher=kubernetes");

    assertThat(
            rendered
                .get("ServiceAccount", "biotrack-gateway")
                .path("automountServiceAccountToken")
                .asBoolean(true))
        .isFalse();
    // Workers get none at all: no ServiceAccount of theirs (the operator's Jobs set
    // automountServiceAccountToken: false on their Pods; WorkerJobLauncherIT checks it).
    assertThat(rendered.names()).doesNotContain("ServiceAccount/biotrack-worker");
    assertThat(
            rendered
                .get("Deployment", "biotrack-gateway")
                .at("/spec/template/spec/automountServiceAccountToken")
                .asBoolean(true))
        .isFalse();
  }

  /** Each rule as "group/resource [names] verbs", verbs sorted; "core" for the core group. */
  static List<String> rules(JsonNode role) {
    List<String> rules = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      Set<String> verbs = new TreeSet<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      List<String> names = new ArrayList<>();
      rule.path("resourceNames").forEach(n -> names.add(n.asText()));
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          String groupName = group.asText().isEmpty() ? "core" : group.asText();
          rules.add(
              groupName
                  + "/"
                  + resource.asText()
                  + " ["
                  + String.join(",", names)
                  + "] "
                  + String.join(",", verbs));
        }
      }
    }
    return rules;
  }
}
