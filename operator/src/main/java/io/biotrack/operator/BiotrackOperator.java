package io.biotrack.operator;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.config.EnvironmentReader;
import io.biotrack.config.SettingsException;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.operator.config.OperatorSettings;
import io.biotrack.operator.health.HealthServer;
import io.biotrack.operator.ingest.BioJobFactory;
import io.biotrack.operator.ingest.QueueIngestor;
import io.biotrack.operator.launch.LauncherAssembly;
import io.biotrack.operator.launch.Launchers;
import io.biotrack.operator.reconciler.BioJobEvents;
import io.biotrack.operator.reconciler.BioJobReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar biotrack-operator.jar}: reads the configuration from the environment, starts the
 * BioJob controller, the queue ingestor (on the leader only) and the probe/metrics server. Exits
 * with 2 on bad configuration, listing every problem.
 */
public final class BiotrackOperator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BiotrackOperator.class);

  private final StorageAdapters storage;
  private final Operator operator;
  private final QueueIngestor ingestor;
  private final HealthServer health;

  BiotrackOperator(
      OperatorSettings settings, StorageSettings storageSettings, KubernetesClient client)
      throws IOException {
    String ownNamespace =
        Optional.ofNullable(System.getenv("POD_NAMESPACE")).orElse(client.getNamespace());
    String identity =
        Optional.ofNullable(System.getenv("POD_NAME"))
            .orElse(InetAddress.getLocalHost().getHostName());
    log.info("starting with {} and {}", settings.jobDefaults(), storageSettings);

    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);

    storage = StorageAdapters.open(storageSettings);
    Clock clock = Clock.systemUTC();
    Launchers launchers =
        LauncherAssembly.launchers(settings, storageSettings, storage, client, clock);
    BioJobReconciler reconciler =
        new BioJobReconciler(
            storage.jobStore(),
            storage.blobStore(),
            new DispatchPolicy(settings.dispatch()),
            settings.jobDefaults(),
            launchers,
            new BioJobEvents(client, clock, identity),
            settings.serverSideApply(),
            settings.recordPoll(),
            clock,
            metrics);

    ingestor =
        settings.ingest()
            ? new QueueIngestor(
                storage.jobQueue(),
                storage.jobStore(),
                client,
                new BioJobFactory(settings.jobDefaults()),
                settings.ingestion().inNamespace(ownNamespace),
                metrics)
            : null;

    LeaderElectionConfiguration leaderElection = null;
    if (settings.leaderElection()) {
      // Only the leader reconciles and ingests; a standby takes over when the lease lapses.
      leaderElection =
          new LeaderElectionConfiguration(
              settings.leaseName(),
              ownNamespace,
              LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
              LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
              LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
              identity,
              new LeaderCallbacks(
                  this::startIngesting,
                  this::stopIngesting,
                  leader -> log.info("leader is {}", leader)),
              true);
    }
    operator =
        OperatorFactory.create(
            client,
            MicrometerMetrics.withoutPerResourceMetrics(metrics),
            leaderElection,
            settings.serverSideApply());
    OperatorFactory.register(operator, reconciler, settings.namespaces());
    health =
        new HealthServer(
            settings.port(),
            () ->
                !operator.getRuntimeInfo().isStarted()
                    || operator.getRuntimeInfo().allEventSourcesAreHealthy(),
            () -> operator.getRuntimeInfo().isStarted(),
            metrics);
    operator.start();
    if (leaderElection == null) {
      startIngesting();
    }
    log.info("biotrack operator started; probes and metrics on port {}", health.port());
  }

  /** The probe and metrics port (useful when configured as 0: any free port). */
  int port() {
    return health.port();
  }

  private void startIngesting() {
    if (ingestor != null) {
      ingestor.start();
    }
  }

  private void stopIngesting() {
    if (ingestor != null) {
      ingestor.close();
    }
  }

  @Override
  public void close() {
    stopIngesting();
    operator.stop();
    health.close();
    storage.close();
  }

  public static void main(String[] args) throws Exception {
    EnvironmentReader env = EnvironmentReader.ofProcess();
    OperatorSettings settings = OperatorSettings.from(env);
    StorageSettings storage = StorageSettings.from(env);
    try {
      env.throwIfProblems(); // the operator's and storage's problems together
    } catch (SettingsException e) {
      log.error(e.getMessage()); // a log line: one JSON event when logs are JSON
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    BiotrackOperator running = new BiotrackOperator(settings, storage, client);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  client.close();
                },
                "shutdown"));
  }
}
