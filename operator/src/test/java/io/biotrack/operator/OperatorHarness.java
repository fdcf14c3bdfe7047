package io.biotrack.operator;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobStore;
import io.biotrack.launch.WorkerResources;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.config.JobDefaults;
import io.biotrack.operator.ingest.BioJobFactory;
import io.biotrack.operator.launch.Launchers;
import io.biotrack.operator.launch.credentials.WorkerCredentials;
import io.biotrack.operator.launch.kube.ApiWorkloadLookup;
import io.biotrack.operator.launch.kube.WorkerJobInformers;
import io.biotrack.operator.launch.kube.WorkerJobLauncher;
import io.biotrack.operator.launch.kube.WorkerJobSettings;
import io.biotrack.operator.reconciler.BioJobEvents;
import io.biotrack.operator.reconciler.BioJobReconciler;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobStore;
import io.biotrack.testing.FakeShardOutput;
import io.biotrack.testing.StartedJobs;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real JOSDK operator against fabric8's mock API server (CRUD mode) with the generated CRD, an H2
 * job store and local blobs, and the {@code kubernetes} Job launcher. Tests play the parts no mock
 * server has: the Job controller and the kubelet (they create a worker Job's Pod and set its state)
 * and the worker (it writes its shard's progress and results, {@link FakeShardOutput}).
 */
public final class OperatorHarness implements AutoCloseable {
  public static final String NAMESPACE = "biotrack";
  public static final String CRD_RESOURCE = "/META-INF/fabric8/biojobs.biotrack.io-v1.yml";

  /** What the harness's launchers hand workers instead of real credentials. */
  public static final WorkerCredentials FAKE_CREDENTIALS =
      request -> Map.of("BIOTRACK_JOB_ACCESS", "credentials-for-" + request.workloadName());

  private final KubernetesClient client;
  private final StorageAdapters storage;
  private final JobDefaults defaults;
  private final DispatchSettings dispatch;
  private final Duration recordPoll;
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  private Operator operator;

  public OperatorHarness(
      KubernetesClient client, Path dataDir, DispatchSettings dispatch, JobDefaults defaults) {
    this(client, dataDir, dispatch, defaults, Duration.ofMillis(200));
  }

  public OperatorHarness(
      KubernetesClient client,
      Path dataDir,
      DispatchSettings dispatch,
      JobDefaults defaults,
      Duration recordPoll) {
    this.client = client;
    this.dispatch = dispatch;
    this.defaults = defaults;
    this.recordPoll = recordPoll;
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
      CustomResourceDefinition crd =
          client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
      if (client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(crd.getMetadata().getName())
              .get()
          == null) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static WorkerJobSettings jobSettings() {
    return new WorkerJobSettings(
        "biotrack.azurecr.io/biotrack-worker:0.1.0",
        List.of("java", "-jar", "/app/biotrack-worker.jar", "run-job"),
        Map.of("BIOTRACK_STORAGE", "azure"),
        "modelcache",
        "modelcache-mount",
        "/models",
        Map.of("agentpool", "gpu"),
        Map.of());
  }

  /** The {@code kubernetes} Job launcher, watched by the operator's informers. */
  public Launchers jobLaunchers() {
    WorkerJobInformers informers = new WorkerJobInformers(new ApiWorkloadLookup(client));
    return new Launchers()
        .with(
            WorkerJobLauncher.KUBERNETES,
            owner ->
                WorkerJobLauncher.kubernetes(
                    client, jobSettings(), FAKE_CREDENTIALS, informers, owner))
        .watchedBy(informers);
  }

  public Operator startOperator() {
    return startOperator(jobLaunchers());
  }

  public Operator startOperator(Launchers launchers) {
    BioJobReconciler reconciler =
        new BioJobReconciler(
            storage.jobStore(),
            storage.blobStore(),
            new DispatchPolicy(dispatch),
            defaults,
            launchers,
            new BioJobEvents(client, Clock.systemUTC(), "test"),
            false,
            recordPoll,
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

  public BlobStore blobs() {
    return storage.blobStore();
  }

  public StorageAdapters storage() {
    return storage;
  }

  public JobDefaults jobDefaults() {
    return defaults;
  }

  /** A job as the gateway leaves it after start: files uploaded, manifest frozen, QUEUED. */
  public Job queuedJob(String tenant, int images, int shardSize) {
    return StartedJobs.queued(jobs(), blobs(), tenant, images, shardSize, Clock.systemUTC());
  }

  public BioJob createBioJob(Job job, Consumer<BioJob> edit) {
    BioJob resource = new BioJobFactory(defaults).bioJobFor(job, NAMESPACE);
    edit.accept(resource);
    return client.resources(BioJob.class).inNamespace(NAMESPACE).resource(resource).create();
  }

  public BioJob bioJob(String jobId) {
    return client
        .resources(BioJob.class)
        .inNamespace(NAMESPACE)
        .withName(BioJob.nameFor(jobId))
        .get();
  }

  public Job job(Job job) {
    return jobs().get(job.tenant(), job.id());
  }

  /** Plays the gateway's cancel: the record to CANCELLED, read again when another writer won. */
  public Job cancelRecord(Job job, String message) {
    while (true) {
      Job current = job(job);
      try {
        return jobs()
            .compareAndSet(
                current,
                current.moveTo(
                    io.biotrack.job.JobStatus.CANCELLED, message, java.time.Instant.now()));
      } catch (io.biotrack.job.ConcurrentUpdateException lost) {
        // The dispatcher wrote meanwhile: read again.
      }
    }
  }

  /** Worker Jobs (batch/v1) now. */
  public List<io.fabric8.kubernetes.api.model.batch.v1.Job> workerJobs() {
    return client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
  }

  public io.fabric8.kubernetes.api.model.batch.v1.Job workerJob(String name) {
    return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
  }

  public List<Event> events(String bioJobName) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> bioJobName.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** The shard task the worker of Job {@code name} would read from its environment. */
  public ShardTask task(String name) {
    io.fabric8.kubernetes.api.model.batch.v1.Job job = workerJob(name);
    Map<String, String> env = new HashMap<>();
    for (EnvVar variable : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      env.put(variable.getName(), variable.getValue());
    }
    return FakeShardOutput.task(env);
  }

  /** Plays the worker of Job {@code name}: some progress, its Pod running. */
  public void workerRuns(String name, int done) {
    jobRunning(name);
    FakeShardOutput.progress(blobs(), task(name), done);
  }

  /** Plays the worker of Job {@code name} completing its shard: results, then exit 0. */
  public void workerCompletes(String name) {
    workerCompletes(name, 0);
  }

  /** As {@link #workerCompletes(String)}, reporting {@code reused} images copied, not run. */
  public void workerCompletes(String name, int reused) {
    FakeShardOutput.complete(blobs(), task(name), reused);
    jobEnded(name, 0);
  }

  /** Plays the Job controller and kubelet: the Job's Pod runs. */
  public void jobRunning(String name) {
    new JobControllerStandIn(client, NAMESPACE).running(name);
  }

  /** The Job's worker ended with {@code exitCode} (a Job already deleted is left alone). */
  public void jobEnded(String name, int exitCode) {
    new JobControllerStandIn(client, NAMESPACE).ended(name, exitCode);
  }

  @Override
  public void close() {
    stopOperator();
    storage.close();
  }
}
