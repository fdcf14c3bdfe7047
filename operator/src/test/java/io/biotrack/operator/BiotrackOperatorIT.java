package io.biotrack.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.config.JobDefaults;
import io.biotrack.operator.config.OperatorSettings;
import io.biotrack.operator.ingest.IngestSettings;
import io.biotrack.operator.launch.LocalSettings;
import io.biotrack.queue.JobMessage;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.testing.FakeJobWorker;
import io.biotrack.testing.StartedJobs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as {@code main} wires it (configuration from variables, ingestor, reconciler,
 * probes, metrics) with local storage and the {@code local} launcher running stand-in shard workers
 * as child processes ({@link FakeJobWorker}), against the mock API server: a 3-shard job from its
 * queue message to merged results.
 */
@EnableKubernetesMockClient(crud = true)
class BiotrackOperatorIT {
  KubernetesClient client;
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  int get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  String body(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void aQueuedJobRunsToCompletionThroughTheWholeOperator() throws Exception {
    OperatorHarness.createCrd(client);
    StorageSettings storageSettings = StorageSettings.local(dir.resolve("data"));
    Map<String, String> env = new HashMap<>();
    env.put(OperatorSettings.NAMESPACES, client.getNamespace());
    env.put(JobDefaults.LAUNCHER, "local");
    env.put(OperatorSettings.PORT, "0");
    env.put(OperatorSettings.LEADER_ELECTION, "false");
    env.put(OperatorSettings.SSA, "false"); // the mock server has no server-side apply
    env.put(OperatorSettings.POLL, "0.2");
    env.put(OperatorSettings.BACKOFF, "0.1");
    env.put(IngestSettings.INTERVAL, "0.1");
    env.put(IngestSettings.VISIBILITY, "5");
    env.put(LocalSettings.WORKER_COMMAND, String.join(" ", FakeJobWorker.command()));
    env.put(LocalSettings.STATE_DIR, dir.resolve("workers").toString());
    OperatorSettings settings = OperatorSettings.fromEnvironment(env::get);

    try (StorageAdapters storage = StorageAdapters.open(storageSettings);
        BiotrackOperator operator = new BiotrackOperator(settings, storageSettings, client)) {
      int port = operator.port();
      await().atMost(Duration.ofSeconds(20)).until(() -> get(port, "/readyz") == 200);
      assertThat(get(port, "/healthz")).isEqualTo(200);

      Job job =
          StartedJobs.queued(
              storage.jobStore(), storage.blobStore(), "acme", 6, 2, Clock.systemUTC());
      storage.jobQueue().send(JobMessage.of(job.id(), "acme"));

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                BioJob resource =
                    client.resources(BioJob.class).withName(BioJob.nameFor(job.id())).get();
                assertThat(resource).isNotNull();
                assertThat(resource.getStatus()).isNotNull();
                assertThat(resource.getStatus().phase()).isEqualTo("COMPLETED");
                assertThat(resource.getStatus().shards()).isEqualTo("3/3");
                assertThat(resource.getStatus().processedImages()).isEqualTo(6);
                assertThat(resource.getStatus().activeShards()).isNull();
              });
      assertThat(storage.jobStore().get("acme", job.id()).status()).isEqualTo(JobStatus.COMPLETED);
      try (InputStream in =
          storage.blobStore().open(BlobContainer.RESULTS, BlobNames.results(job.id()))) {
        assertThat(ResultsJson.read(in).images())
            .extracting(i -> i.file())
            .containsExactly(
                "img-0000.jpg",
                "img-0001.jpg",
                "img-0002.jpg",
                "img-0003.jpg",
                "img-0004.jpg",
                "img-0005.jpg");
      }
      for (int shard = 0; shard < 3; shard++) {
        String workload = ShardNames.workload(job.id(), shard, 1);
        assertThat(Files.readString(dir.resolve("workers/logs/" + workload + ".log")))
            .contains("completed shard " + shard + " attempt 1");
        assertThat(dir.resolve("workers/" + workload)).doesNotExist();
      }

      String metrics = body(port, "/metrics");
      assertThat(metrics)
          .contains("biotrack_ingest_messages_total{result=\"created\"} 1.0")
          .contains("biotrack_dispatch_decisions_total{decision=\"Launch\"}")
          .contains("biotrack_workloads_active")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void theRunnableJarRefusesABadConfigurationListingEveryProblem() throws Exception {
    String output = refusal(Map.of());

    assertThat(output)
        .contains(
            "BIOTRACK_OPERATOR_LAUNCHER must be one of aci, virtual-node, kubernetes, local, was"
                + " 'submarine'")
        .contains("BIOTRACK_OPERATOR_MAX_CONCURRENT_WORKLOADS must be between 1 and 10000, was 0")
        .contains("BIOTRACK_STORAGE is required"); // storage's problems in the same list
  }

  @Test
  void withJsonLogsTheRefusalIsOneJsonEvent() throws Exception {
    String output = refusal(Map.of("BIOTRACK_LOG_FORMAT", "json"));

    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).as(output).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(lines.get(0));
    assertThat(event.path("level").asText()).isEqualTo("ERROR");
    assertThat(event.path("message").asText())
        .contains(
            "BIOTRACK_OPERATOR_LAUNCHER must be one of aci, virtual-node, kubernetes, local, was"
                + " 'submarine'")
        .contains("BIOTRACK_OPERATOR_MAX_CONCURRENT_WORKLOADS");
  }

  /** The operator jar's output on a bad configuration (exit code 2 asserted). */
  private static String refusal(Map<String, String> extra) throws Exception {
    Path jar = Path.of("target", "biotrack-operator.jar");
    List<String> command =
        Files.exists(jar)
            ? List.of(javaBin(), "-jar", jar.toString())
            : List.of(
                javaBin(),
                "-cp",
                System.getProperty("java.class.path"),
                BiotrackOperator.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("BIOTRACK_"));
    builder.environment().put(JobDefaults.LAUNCHER, "submarine");
    builder.environment().put(OperatorSettings.MAX_CONCURRENT, "0");
    builder.environment().putAll(extra);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    return output;
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
