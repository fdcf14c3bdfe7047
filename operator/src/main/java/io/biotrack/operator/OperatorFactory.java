package io.biotrack.operator;

import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.reconciler.BioJobReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;
import java.util.Set;

/** The JOSDK operator as production runs it; tests differ only in server-side apply. */
public final class OperatorFactory {
  /** Every BioJob is looked at at least this often, whatever events were missed. */
  static final Duration MAX_RECONCILIATION_INTERVAL = Duration.ofMinutes(5);

  private OperatorFactory() {}

  /**
   * @param serverSideApply true in production; false only against fabric8's mock server, which has
   *     no server-side apply
   * @param leaderElection null to run without (a single replica, tests)
   */
  public static Operator create(
      KubernetesClient client,
      Metrics metrics,
      LeaderElectionConfiguration leaderElection,
      boolean serverSideApply) {
    return new Operator(
        o -> {
          o.withKubernetesClient(client)
              .withCloseClientOnStop(false)
              .withMetrics(metrics)
              .withUseSSAToPatchPrimaryResource(serverSideApply)
              .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply);
          if (leaderElection != null) {
            o.withLeaderElectionConfiguration(leaderElection);
          }
        });
  }

  /**
   * Registers the BioJob reconciler: watching {@code namespaces} (empty: the client's namespace,
   * "*": all), retrying failed reconciles with backoff without giving up (a job must never be left
   * hanging because ARM or the API server was down for a while).
   */
  public static void register(
      Operator operator, BioJobReconciler reconciler, Set<String> namespaces) {
    GenericRetry retry =
        new GenericRetry()
            .setInitialInterval(1000)
            .setIntervalMultiplier(2)
            .setMaxInterval(Duration.ofMinutes(2).toMillis())
            .withoutMaxAttempts();
    operator.<BioJob>register(
        reconciler,
        c -> {
          c.withRetry(retry).withReconciliationMaxInterval(MAX_RECONCILIATION_INTERVAL);
          if (namespaces.contains("*")) {
            c.watchingAllNamespaces();
          } else if (namespaces.isEmpty()) {
            c.watchingOnlyCurrentNamespace();
          } else {
            c.settingNamespaces(namespaces);
          }
        });
  }
}
