package io.biotrack.operator;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.WorkerResources;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.config.JobDefaults;
import io.biotrack.operator.ingest.BioJobFactory;
import io.biotrack.operator.launch.Launchers;
import io.biotrack.operator.launch.pod.PodLauncher;
import io.biotrack.operator.launch.pod.PodSettings;
import io.biotrack.operator.reconciler.BioJobEvents;
import io.biotrack.operator.reconciler.BioJobReconciler;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real JOSDK operator against fabric8's mock API server (CRUD mode) with the generated CRD, an
 * H2 job store, and the {@code kubernetes} Pod launcher. Tests play the two parts no mock server
 * has: the kubelet (they set Pod status) and the worker (they write the job record as the worker
 * does).
 */
public final class OperatorHarness implements AutoCloseable {
  public static final String NAMESPACE = "biotrack";
  public static final String CRD_RESOURCE = "/META-INF/fabric8/biojobs.biotrack.io-v1.yml";

  private final KubernetesClient client;
  private final StorageAdapters storage;
  private final JobIds ids = JobIds.system();
  private final JobDefaults defaults;
  private final DispatchSettings dispatch;
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  private Operator operator;

  public OperatorHarness(
      KubernetesClient client, Path dataDir, DispatchSettings dispatch, JobDefaults defaults) {
    this.client = client;
    this.dispatch = dispatch;
    this.defaults = defaults;
    this.storage = StorageAdapters.open(StorageSettings.local(dataDir));
    createCrd(client);
  }

  public static JobDefaults defaults(int maxAttempts, Long deadlineSeconds, Long ttlSeconds) {
    return new JobDefaults(
        Launcher.KUBERNETES,
        new WorkerResources(2, 4, 0),
        "md_v5a.0.0.torchscript",
        maxAttempts,
        deadlineSeconds == null ? null : Duration.ofSeconds(deadlineSeconds),
        ttlSeconds == null ? null : Duration.ofSeconds(ttlSeconds));
  }

  public static DispatchSettings fastDispatch(int maxConcurrent) {
    return new DispatchSettings(
        maxConcurrent, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(200));
  }

  /** Creates the generated CRD, so the mock server knows the status subresource. */
  public static void createCrd(KubernetesClient client) {
    try (InputStream yaml = OperatorHarness.class.getResourceAsStream(CRD_RESOURCE)) {
      CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
      if (client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get() == null) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static PodSettings podSettings() {
    return new PodSettings(
        "biotrack.azurecr.io/biotrack-worker:0.1.0",
        List.of("java", "-jar", "/app/biotrack-worker.jar", "run-job"),
        Map.of("BIOTRACK_STORAGE", "azure", "BIOTRACK_AZURE_BLOB_ENDPOINT", "https://acct.blob.core.windows.net"),
        "modelcache",
        "modelcache-mount",
        "/models",
        Map.of("agentpool", "gpu"),
        "biotrack-worker");
  }

  public Operator startOperator() {
    return startOperator(
        new Launchers().with(PodLauncher.KUBERNETES, owner -> PodLauncher.kubernetes(client, podSettings(), owner)));
  }

  public Operator startOperator(Launchers launchers) {
    BioJobReconciler reconciler =
        new BioJobReconciler(
            storage.jobStore(),
            new DispatchPolicy(dispatch),
            defaults,
            launchers,
            new BioJobEvents(client, Clock.systemUTC(), "test"),
            false,
            Clock.systemUTC(),
            metrics);
    // The mock server has no server-side apply: off here only (production keeps it on).
    operator =
        OperatorFactory.create(
            client, MicrometerMetrics.withoutPerResourceMetrics(metrics), null, false);
    OperatorFactory.register(operator, reconciler, java.util.Set.of(NAMESPACE));
    operator.start();
    return operator;
  }

  public void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  public io.micrometer.core.instrument.MeterRegistry metrics() {
    return metrics;
  }

  public JobStore jobs() {
    return storage.jobStore();
  }

  public StorageAdapters storage() {
    return storage;
  }

  public JobDefaults jobDefaults() {
    return defaults;
  }

  /** A job as the gateway leaves it after start: QUEUED. */
  public Job queuedJob(String tenant) {
    Instant now = Instant.now();
    Job job = jobs().create(Job.newPending(ids.next(), tenant, "photos", 12, JobOptions.DEFAULTS, now));
    return jobs().compareAndSet(job, job.moveTo(JobStatus.QUEUED, null, now));
  }

  public BioJob createBioJob(Job job, Consumer<BioJob> edit) {
    BioJob resource = new BioJobFactory(defaults).bioJobFor(job, NAMESPACE);
    edit.accept(resource);
    return client.resources(BioJob.class).inNamespace(NAMESPACE).resource(resource).create();
  }

  public BioJob bioJob(String jobId) {
    return client.resources(BioJob.class).inNamespace(NAMESPACE).withName(BioJob.nameFor(jobId)).get();
  }

  public Job job(Job job) {
    return jobs().get(job.tenant(), job.id());
  }

  public List<Pod> pods() {
    return client.pods().inNamespace(NAMESPACE).list().getItems();
  }

  public Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  public List<Event> events(String bioJobName) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> bioJobName.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** Plays the kubelet: the Pod's worker container runs, or ended with {@code exitCode}. */
  public void podRunning(String name) {
    setPodStatus(name, "Running", null);
  }

  /** The worker container ended; a Pod the operator already deleted (job finished) is left alone. */
  public void podEnded(String name, int exitCode) {
    try {
      setPodStatus(name, exitCode == 0 ? "Succeeded" : "Failed", exitCode);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private void setPodStatus(String name, String phase, Integer exitCode) {
    var state = new ContainerStateBuilder();
    if (exitCode == null) {
      state.withNewRunning().withStartedAt(Instant.now().toString()).endRunning();
    } else {
      state.withNewTerminated().withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error").endTerminated();
    }
    client.pods().inNamespace(NAMESPACE).withName(name).editStatus(
        pod -> {
          pod.setStatus(
              new PodStatusBuilder()
                  .withPhase(phase)
                  .withContainerStatuses(
                      new ContainerStatusBuilder().withName("worker").withState(state.build()).build())
                  .build());
          return pod;
        });
  }

  /** Plays the worker of {@code attempt}: LAUNCHING → PROCESSING with progress. */
  public Job workerStarts(Job job, int attempt) {
    Job current = job(job);
    if (current.attempt() != attempt) {
      throw new IllegalStateException("stale attempt " + attempt + "; record at " + current.attempt());
    }
    Job processing = jobs().compareAndSet(current, current.moveTo(JobStatus.PROCESSING, null, Instant.now()));
    return jobs().compareAndSet(
        processing, processing.withCounts(processing.counts().withProgress(5, 1, 9), Instant.now()));
  }

  /** Plays the worker finishing: PROCESSING → COMPLETED with all images processed. */
  public Job workerCompletes(Job job) {
    Job current = job(job);
    JobCounts done = current.counts().withProgress(current.counts().imageCount(), 1, 20);
    return jobs().compareAndSet(current, current.withCounts(done, Instant.now()).moveTo(JobStatus.COMPLETED, null, Instant.now()));
  }

  @Override
  public void close() {
    stopOperator();
    storage.close();
  }
}
