package io.biotrack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.deploy.support.Helm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code helm lint --strict} is clean for the defaults, each launcher and every option turned on.
 */
class ChartLintIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "defaults",
        "operator.launcher=aci",
        "operator.launcher=virtual-node",
        "operator.launcher=kubernetes",
        "operator.launcher=kubernetes,kubernetes.gpu.enabled=true",
        "gateway.ingress.enabled=true,gateway.ingress.tlsSecretName=api-tls,serviceMonitor.enabled=true",
        "networkPolicy.enabled=false,workloadIdentity.enabled=false,gateway.replicas=1,operator.replicas=1"
      })
  void lintIsClean(String settings) {
    Helm.Result lint = settings.equals("defaults") ? Helm.lint() : Helm.lint("--set", settings);

    assertThat(lint.exitCode()).as(lint.output()).isZero();
    assertThat(lint.output())
        .contains("1 chart(s) linted, 0 chart(s) failed")
        .doesNotContain("[WARNING]")
        .doesNotContain("[ERROR]");
  }
}
