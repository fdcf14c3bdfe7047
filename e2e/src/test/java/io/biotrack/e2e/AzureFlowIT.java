package io.biotrack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.e2e.support.Api;
import io.biotrack.e2e.support.Api.Upload;
import io.biotrack.e2e.support.FaultFigures;
import io.biotrack.e2e.support.Jobs;
import io.biotrack.e2e.support.MdResults;
import io.biotrack.e2e.support.Repo;
import io.biotrack.e2e.support.SampleImages;
import io.biotrack.e2e.support.ServiceProcess;
import io.biotrack.e2e.support.WorkerCount;
import io.biotrack.e2e.support.WorkerProcesses;
import io.biotrack.testing.Azurite;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster path with real processes: gateway (azure profile, on Azure Storage emulated by
 * Azurite) → job queue → operator (its jar, against fabric8's mock API server in CRUD mode, with
 * the {@code local} launcher) → BioJob → one worker per shard (its jar, in job mode, on nothing but
 * the SAS URLs of its own shard that the operator issues: no connection string, no account key) →
 * the shards' results merged → status. Only the Kubernetes API server and the storage account are
 * emulators; every Biotrack part is the shipped jar.
 */
class AzureFlowIT {
  static final String TENANT = "acme";
  static final String KEY = "bt_e2e_" + Azurite.uniqueSuffix();

  static Path work;
  static KubernetesMockServer kubernetes;
  static KubernetesClient client;
  static StorageSettings storage;
  static ServiceProcess gateway;
  static Api api;

  final List<ServiceProcess> operators = new ArrayList<>();

  @BeforeAll
  static void platform() throws Exception {
    work = Repo.workDir("azure-flow");
    kubernetes =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    kubernetes.init(InetAddress.getLoopbackAddress(), 0);
    client = kubernetes.createClient();
    try (InputStream yaml = Files.newInputStream(Repo.crd())) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(
              client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
          .create();
    }
    storage = Azurite.settings();
    Map<String, String> env = new HashMap<>(storage.toEnvironment());
    env.put("BIOTRACK_API_KEYS", TENANT + ":" + sha256(KEY));
    env.put("BIOTRACK_BIND_ADDRESS", "127.0.0.1");
    gateway =
        ServiceProcess.azureGateway(ServiceProcess.freePort(), env, work.resolve("gateway.log"));
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
    operators.forEach(ServiceProcess::stop);
  }

  ServiceProcess startOperator(String name) {
    return startOperator(name, Map.of());
  }

  /**
   * The operator jar as the Helm chart configures it, but with the local launcher and no SSA;
   * {@code extra} added to its environment.
   */
  ServiceProcess startOperator(String name, Map<String, String> extra) {
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
    env.putAll(extra);
    ServiceProcess operator =
        ServiceProcess.operator(ServiceProcess.freePort(), env, work.resolve(name + ".log"));
    operators.add(operator);
    return operator;
  }

  GenericKubernetesResource bioJob(String id) {
    return client
        .genericKubernetesResources("biotrack.io/v1alpha1", "BioJob")
        .inNamespace(client.getNamespace())
        .withName("job-" + id)
        .get();
  }

  @Test
  void aThreeShardJobGoesFromTheGatewayThroughTheOperatorAndItsWorkersToMergedResults()
      throws Exception {
    // With JSON logs, as the chart's logFormat: json runs it (checked at the end).
    ServiceProcess operator = startOperator("operator", Map.of("BIOTRACK_LOG_FORMAT", "json"));
    List<Upload> photos = SampleImages.samples();

    String id = api.createRegisterUploadAndStart("azure flow", photos, 4);
    // A worker while it runs: its shard's credentials, not the operator's connection string.
    Set<String> environment = new java.util.HashSet<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              WorkerProcesses.of(id).stream()
                  .findFirst()
                  .ifPresent(w -> environment.addAll(WorkerProcesses.environment(w)));
              return !environment.isEmpty()
                  || api.job(id).path("status").asText().equals("COMPLETED");
            });
    JsonNode job = Jobs.awaitStatus(api, id, "COMPLETED");
    assertThat(environment)
        .as("a worker was seen running")
        .isNotEmpty()
        .anyMatch(v -> v.startsWith("BIOTRACK_JOB_ACCESS={\"version\":2"))
        .noneMatch(v -> v.startsWith("BIOTRACK_AZURE_") || v.contains("AccountKey"));

    assertThat(job.path("processedCount").asInt()).isEqualTo(12);
    // Each shard's worker ran on job-scoped credentials for its own shard only.
    for (int shard = 0; shard < 3; shard++) {
      Path log = work.resolve("workers/logs/biotrack-" + id + "-" + shard + "-1.log");
      assertThat(log).exists();
    }
    assertThat(storageHasFileList(id, 0))
        .as("the operator revokes a shard's file list with its workload")
        .isFalse();
    assertThat(job.path("results").path("url").asText()).contains(storage.resultsContainer());
    MdResults results = MdResults.check(api.resultsByLink(id)); // a read SAS straight to storage
    assertThat(results.files()).containsExactlyInAnyOrderElementsOf(Jobs.names(photos));
    assertThat(api.resultsCsv(id).lines().skip(1).count()).isGreaterThanOrEqualTo(12);
    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () -> {
              GenericKubernetesResource resource = bioJob(id);
              assertThat(resource).isNotNull();
              @SuppressWarnings("unchecked")
              Map<String, Object> status =
                  (Map<String, Object>) resource.getAdditionalProperties().get("status");
              assertThat(status)
                  .containsEntry("phase", "COMPLETED")
                  .containsEntry("processedImages", 12)
                  .containsEntry("shards", "3/3")
                  .containsEntry("completedShards", "0-2");
              assertThat(status.get("activeShards")).isNull();
            });

    // Every line the operator wrote is one JSON object; the lines about the job name it and its
    // tenant (the reconciler's and the ingestor's), and so does every line of its workers, which
    // got the log format from the operator.
    List<JsonNode> operatorLines = jsonLines(operator.log());
    assertThat(operatorLines)
        .filteredOn(event -> event.path("jobId").asText().equals(id))
        .isNotEmpty()
        .allSatisfy(event -> assertThat(event.path("tenant").asText()).isEqualTo(TENANT));
    assertThat(operatorLines)
        .filteredOn(event -> event.path("message").asText().contains(id))
        .isNotEmpty()
        .allSatisfy(
            event -> assertThat(event.path("jobId").asText()).as(event.toString()).isEqualTo(id));
    for (int shard = 0; shard < 3; shard++) {
      List<JsonNode> workerLines =
          jsonLines(work.resolve("workers/logs/biotrack-" + id + "-" + shard + "-1.log"));
      assertThat(workerLines)
          .isNotEmpty()
          .allSatisfy(
              event -> {
                assertThat(event.path("jobId").asText()).as(event.toString()).isEqualTo(id);
                assertThat(event.path("tenant").asText()).as(event.toString()).isEqualTo(TENANT);
              });
    }
  }

  /** Each non-empty line of a log as JSON; fails on a line that is not one JSON object. */
  static List<JsonNode> jsonLines(Path log) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode event;
      try {
        event = json.readTree(line);
      } catch (JsonProcessingException e) {
        throw new AssertionError(log.getFileName() + " has a line that is not JSON: " + line, e);
      }
      assertThat(event.isObject()).as(line).isTrue();
      assertThat(event.has("@timestamp") && event.has("level") && event.has("message"))
          .as(line)
          .isTrue();
      events.add(event);
    }
    return events;
  }

  /** Whether the file list of shard {@code shard}'s first attempt is still in storage. */
  static boolean storageHasFileList(String id, int shard) {
    try (io.biotrack.adapter.StorageAdapters adapters =
        io.biotrack.adapter.StorageAdapters.open(storage)) {
      return adapters
          .blobStore()
          .exists(
              io.biotrack.storage.BlobContainer.RESULTS,
              io.biotrack.shard.ShardNames.access(id, shard, 1));
    }
  }

  @Test
  void anOperatorCrashDuringLaunchingLeavesExactlyOneWorkerPerShard() {
    ServiceProcess first = startOperator("operator-1");
    List<Upload> photos = SampleImages.variants(8, 11L);
    String id = api.createRegisterUploadAndStart("operator crash", photos, 3);
    try (WorkerCount workers = WorkerCount.of(id)) {
      Jobs.awaitLaunching(api, id);
      first.kill(); // SIGKILL: the operator dies mid-launch; its worker is orphaned
      startOperator("operator-2");

      JsonNode job = Jobs.awaitStatus(api, id, "COMPLETED");
      await().atMost(Duration.ofMinutes(1)).until(() -> WorkerProcesses.of(id).isEmpty());
      MdResults results = MdResults.check(api.resultsByLink(id));
      FaultFigures.forJob("operator killed during LAUNCHING", job, results, Jobs.names(photos))
          .put("most workers at once", workers.most())
          .put("most workers of one shard at once", workers.mostOfOneShard())
          .print();
      assertThat(workers.mostOfOneShard()).isEqualTo(1);
      assertThat(workers.most()).isLessThanOrEqualTo(3);
      assertThat(results.files()).containsExactlyInAnyOrderElementsOf(Jobs.names(photos));
    }
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
