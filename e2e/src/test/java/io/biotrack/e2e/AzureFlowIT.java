package io.biotrack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.e2e.support.Api;
import io.biotrack.e2e.support.Api.Upload;
import io.biotrack.e2e.support.FaultFigures;
import io.biotrack.e2e.support.MdResults;
import io.biotrack.e2e.support.Repo;
import io.biotrack.e2e.support.SampleImages;
import io.biotrack.e2e.support.ServiceProcess;
import io.biotrack.e2e.support.WorkerProcesses;
import io.biotrack.testing.Azurite;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster path with real processes, as the seed drew it: gateway (azure profile, on Azure
 * Storage emulated by Azurite) → job queue → operator (its jar, against fabric8's mock API server
 * in CRUD mode, with the {@code local} launcher) → BioJob → worker (its jar, in job mode on Azure
 * Storage) → results → status. Only the Kubernetes API server and the storage account are
 * emulators; every Biotrack part is the shipped jar.
 */
class AzureFlowIT {
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
  static final String TENANT = "acme";
  static final String KEY = "bt_e2e_" + Azurite.uniqueSuffix();

  static Path work;
  static KubernetesMockServer kubernetes;
  static KubernetesClient client;
  static StorageSettings storage;
  static ServiceProcess gateway;
  static Api api;

  final List<ServiceProcess> operators = new ArrayList<>();
  final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void platform() throws Exception {
    work = Repo.workDir("azure-flow");
    kubernetes =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    kubernetes.init(InetAddress.getLoopbackAddress(), 0);
    client = kubernetes.createClient();
    try (InputStream yaml = Files.newInputStream(Repo.crd())) {
      client.apiextensions().v1().customResourceDefinitions()
          .resource(client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
          .create();
    }
    storage = Azurite.settings();
    Map<String, String> env = new HashMap<>(storage.toEnvironment());
    env.put("BIOTRACK_API_KEYS", TENANT + ":" + sha256(KEY));
    env.put("BIOTRACK_BIND_ADDRESS", "127.0.0.1");
    gateway = ServiceProcess.azureGateway(ServiceProcess.freePort(), env, work.resolve("gateway.log"));
    api = new Api(gateway.baseUrl(), KEY);
  }

  @AfterAll
  static void down() {
    if (gateway != null) {
      gateway.stop();
    }
    if (client != null) {
      client.close();
    }
    if (kubernetes != null) {
      kubernetes.destroy();
    }
  }

  @AfterEach
  void stopOperators() {
    sampler.shutdownNow();
    operators.forEach(ServiceProcess::stop);
  }

  /** The operator jar as the Helm chart configures it, but with the local launcher and no SSA. */
  ServiceProcess startOperator(String name) {
    Map<String, String> env = new HashMap<>(storage.toEnvironment());
    env.put("KUBERNETES_MASTER", client.getMasterUrl().toString());
    env.put("KUBERNETES_NAMESPACE", client.getNamespace());
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
    env.put("POD_NAMESPACE", client.getNamespace());
    env.put("BIOTRACK_OPERATOR_LAUNCHER", "local");
    env.put("BIOTRACK_OPERATOR_LEADER_ELECTION", "false");
    env.put("BIOTRACK_OPERATOR_SERVER_SIDE_APPLY", "false"); // the mock server has none
    env.put("BIOTRACK_OPERATOR_POLL_SECONDS", "1");
    env.put("BIOTRACK_OPERATOR_BACKOFF_SECONDS", "1");
    env.put("BIOTRACK_OPERATOR_INGEST_INTERVAL_SECONDS", "0.5");
    env.put("BIOTRACK_OPERATOR_INGEST_VISIBILITY_SECONDS", "5");
    env.put("BIOTRACK_WORKER_CPU", "2");
    env.put(
        "BIOTRACK_LOCAL_WORKER_COMMAND",
        String.join(" ", ServiceProcess.javaBin(), "-jar", Repo.workerJar().toString(), "run-job"));
    env.put("BIOTRACK_LOCAL_STATE_DIR", work.resolve("workers").toString());
    env.put("BIOTRACK_LOCAL_MODEL_DIR", Repo.testModel().getParent().toString());
    env.put("BIOTRACK_MODEL_NAME", Repo.testModel().getFileName().toString());
    env.put("BIOTRACK_PROGRESS_SECONDS", "1");
    ServiceProcess operator =
        ServiceProcess.operator(ServiceProcess.freePort(), env, work.resolve(name + ".log"));
    operators.add(operator);
    return operator;
  }

  GenericKubernetesResource bioJob(String id) {
    return client.genericKubernetesResources("biotrack.io/v1alpha1", "BioJob")
        .inNamespace(client.getNamespace())
        .withName("job-" + id)
        .get();
  }

  static JsonNode awaitStatus(String id, String status) {
    await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          String now = api.job(id).path("status").asText();
          if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(now) && !now.equals(status)) {
            throw new AssertionError("job " + id + " ended " + now + ": " + api.job(id));
          }
          return now.equals(status);
        });
    return api.job(id);
  }

  @Test
  void aJobGoesFromTheGatewayThroughTheOperatorAndAWorkerToResults() {
    startOperator("operator");
    List<Upload> photos = SampleImages.samples();

    String id = api.createUploadAndStart("azure flow", photos);
    JsonNode job = awaitStatus(id, "COMPLETED");

    assertThat(job.path("processedCount").asInt()).isEqualTo(12);
    assertThat(job.path("results").path("url").asText()).contains(storage.resultsContainer());
    MdResults results = MdResults.check(api.resultsByLink(id)); // a read SAS straight to storage
    Set<String> names = new HashSet<>();
    photos.forEach(p -> names.add(p.name()));
    assertThat(results.files()).hasSize(12).containsExactlyInAnyOrderElementsOf(names);
    assertThat(api.resultsCsv(id).lines().skip(1).count()).isGreaterThanOrEqualTo(12);
    await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
      GenericKubernetesResource resource = bioJob(id);
      assertThat(resource).isNotNull();
      @SuppressWarnings("unchecked")
      Map<String, Object> status = (Map<String, Object>) resource.getAdditionalProperties().get("status");
      assertThat(status).containsEntry("phase", "COMPLETED").containsEntry("processedImages", 12);
      assertThat(status.get("workload")).isNull();
    });
  }

  @Test
  void anOperatorCrashDuringLaunchingLeavesExactlyOneWorker() {
    ServiceProcess first = startOperator("operator-1");
    String id = api.createUploadAndStart("operator crash", SampleImages.variants(8, 11L));
    AtomicInteger mostWorkers = new AtomicInteger();
    sampler.scheduleAtFixedRate(
        () -> mostWorkers.accumulateAndGet(WorkerProcesses.of(id).size(), Math::max),
        0, 100, TimeUnit.MILLISECONDS);
    await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(20))
        .until(() -> {
          String status = api.job(id).path("status").asText();
          assertThat(status).isIn("QUEUED", "LAUNCHING");
          return status.equals("LAUNCHING");
        });

    first.kill(); // SIGKILL: the operator dies mid-launch; its worker is orphaned
    startOperator("operator-2");
    JsonNode job = awaitStatus(id, "COMPLETED");
    await().atMost(Duration.ofMinutes(1)).until(() -> WorkerProcesses.of(id).isEmpty());
    sampler.shutdownNow();

    MdResults results = MdResults.check(api.resultsByLink(id));
    new FaultFigures("operator killed during LAUNCHING")
        .put("most workers at once", mostWorkers.get())
        .put("attempts", job.path("attempt").asInt())
        .put("images", results.files().size())
        .put("duplicates", results.files().size() - new HashSet<>(results.files()).size())
        .print();
    assertThat(mostWorkers.get()).isEqualTo(1);
    assertThat(results.files()).hasSize(8).doesNotHaveDuplicates();
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
