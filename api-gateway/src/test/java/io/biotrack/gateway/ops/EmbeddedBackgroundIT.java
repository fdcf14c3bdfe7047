package io.biotrack.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.adapter.StorageAdapters;
import io.biotrack.gateway.api.GatewayApiContract;
import io.biotrack.gateway.job.FailingFirstSendQueue;
import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.gateway.support.WorkerSteps;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.queue.QueuedMessage;
import io.biotrack.storage.BlobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's background work and operations endpoints, with the sweeper running every 200 ms:
 * the crash window of start, jobs counted when workers finish them, metrics, health, OpenAPI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("embedded")
@AutoConfigureObservability
@AutoConfigureWebTestClient(timeout = "60s")
@Import(EmbeddedBackgroundIT.QueueThatFailsOnce.class)
class EmbeddedBackgroundIT {
  static final int PORT = TestContexts.freePort();
  static final Path DATA_DIR = TestContexts.newDataDir();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestContexts.registerEmbedded(registry, PORT, DATA_DIR);
    registry.add("biotrack.gateway.sweeper.interval", () -> "200ms");
    registry.add("biotrack.gateway.sweeper.stuck-after", () -> "1s");
  }

  @TestConfiguration
  static class QueueThatFailsOnce {
    @Bean
    @Primary
    FailingFirstSendQueue failingFirstSendQueue(StorageAdapters storage) {
      return new FailingFirstSendQueue(storage.jobQueue());
    }
  }

  @Autowired WebTestClient web;
  @Autowired JobStore jobStore;
  @Autowired BlobStore blobStore;
  @Autowired FailingFirstSendQueue queue;
  @Autowired StorageAdapters storage;

  ApiClient acme;

  @BeforeEach
  void client() {
    acme = ApiClient.withKey(web, GatewayApiContract.ACME_KEY);
  }

  @Test
  void aStartWhoseEnqueueFailsIsStillAcceptedAndTheSweeperSendsTheMessage() {
    String id = acme.createWithUploads("a.jpg").jobId();
    queue.failNextSend();

    acme.start(id).expectStatus().isAccepted();
    assertThat(acme.job(id).path("status").asText()).isEqualTo("QUEUED");

    assertThat(awaitMessages(id, 1)).containsExactly(JobMessage.of(id, "acme"));
  }

  @Test
  void theSweeperAndTheTrackerFollowJobsOfTenantsThisGatewayHasNoKeyFor() {
    // Another replica with other keys (or a key removed since) started it; the job table is
    // shared, and the background work must not depend on this gateway's keys.
    String tenant = "no-key-" + UUID.randomUUID();
    Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
    Job pending =
        jobStore.create(
            Job.newPending(JobIds.system().next(), tenant, "x", 1, JobOptions.DEFAULTS, longAgo));
    jobStore.compareAndSet(pending, pending.moveTo(JobStatus.QUEUED, null, longAgo));
    String id = pending.id();

    // Twice: the second re-send (after stuck-after) proves a whole sweep-and-track round saw it.
    assertThat(awaitMessages(id, 2)).containsOnly(JobMessage.of(id, tenant));

    double completedBefore =
        counter(prometheus(), "biotrack_job_events_total", "event=\"completed\"");
    new WorkerSteps(jobStore, blobStore).complete(tenant, id);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        counter(prometheus(), "biotrack_job_events_total", "event=\"completed\""))
                    .isGreaterThan(completedBefore));
    // Still invisible to the API's other tenants.
    acme.get(id).expectStatus().isNotFound();
  }

  @Test
  void metricsCountJobsUploadsAndRequestsAndSeeWorkersCompleteJobs() {
    String id = acme.createWithUploads("a.jpg", "b.jpg").jobId();
    acme.start(id).expectStatus().isAccepted();
    new WorkerSteps(jobStore, blobStore).complete("acme", id);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        counter(prometheus(), "biotrack_job_events_total", "event=\"completed\""))
                    .isPositive());
    String metrics = prometheus();
    assertThat(counter(metrics, "biotrack_job_events_total", "event=\"created\"")).isPositive();
    assertThat(counter(metrics, "biotrack_job_events_total", "event=\"started\"")).isPositive();
    assertThat(counter(metrics, "biotrack_uploads_total", "")).isGreaterThanOrEqualTo(2);
    assertThat(counter(metrics, "biotrack_upload_bytes_total", "")).isPositive();
    assertThat(metrics)
        .contains("http_server_requests_seconds_bucket{")
        .contains("uri=\"/api/v1/jobs/{id}/start\"")
        .contains("uri=\"/api/v1/jobs/{id}/files/{*name}\"");
  }

  @Test
  void healthHasLivenessAndAReadinessThatChecksStorage() {
    web.get()
        .uri("/actuator/health/liveness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    web.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    web.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpointAndSwaggerUiIsServed() {
    JsonNode doc =
        web.get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    JsonNode paths = doc.path("paths");
    assertThat(paths.path("/api/v1/jobs").has("post")).isTrue();
    assertThat(paths.path("/api/v1/jobs").has("get")).isTrue();
    assertThat(paths.path("/api/v1/jobs/{id}").has("get")).isTrue();
    assertThat(paths.path("/api/v1/jobs/{id}").has("delete")).isTrue();
    assertThat(paths.path("/api/v1/jobs/{id}/start").has("post")).isTrue();
    assertThat(paths.path("/api/v1/jobs/{id}/cancel").has("post")).isTrue();
    assertThat(paths.path("/api/v1/jobs/{id}/results").has("get")).isTrue();
    assertThat(
            paths
                .path("/api/v1/jobs/{id}/results")
                .path("get")
                .path("parameters")
                .findValuesAsText("name"))
        .contains("format", "threshold");
    assertThat(
            paths
                .path("/api/v1/jobs/{id}/export/folders.zip")
                .path("get")
                .path("parameters")
                .findValuesAsText("name"))
        .contains("threshold");
    assertThat(
            paths
                .path("/api/v1/jobs/{id}/summary")
                .path("get")
                .path("parameters")
                .findValuesAsText("name"))
        .contains("threshold");
    assertThat(doc.path("components").path("schemas").has("SummaryView")).isTrue();
    assertThat(paths.path("/api/v1/jobs/{id}/repeats").has("get")).isTrue();
    JsonNode decide = paths.path("/api/v1/jobs/{id}/repeats/{groupId}").path("put");
    assertThat(decide.path("requestBody").path("content").has("application/json")).isTrue();
    assertThat(decide.path("responses").has("404")).isTrue();
    JsonNode repeatView = doc.path("components").path("schemas").path("RepeatView");
    assertThat(repeatView.path("properties").has("id")).isTrue();
    assertThat(repeatView.path("properties").has("decision")).isTrue();
    JsonNode upload = paths.path("/api/v1/jobs/{id}/files/{name}").path("put");
    assertThat(upload.path("requestBody").path("content").has("application/octet-stream")).isTrue();
    assertThat(upload.path("parameters").findValuesAsText("name")).containsExactly("id", "name");
    JsonNode thumbnail = paths.path("/api/v1/jobs/{id}/thumbnails/{name}").path("get");
    assertThat(thumbnail.path("parameters").findValuesAsText("name")).containsExactly("id", "name");
    assertThat(thumbnail.path("responses").has("404")).isTrue();
    assertThat(doc.toString()).contains("cam1/IMG_0001.JPG").contains("bearer");

    web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    web.get()
        .uri("/swagger-ui/index.html")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML);
    web.get().uri("/").exchange().expectStatus().isOk();
  }

  private String prometheus() {
    return web.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  /** The sum of the series of {@code name} whose labels contain {@code label}. */
  private static double counter(String metrics, String name, String label) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .filter(l -> l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Receives the queue's messages until {@code count} are for {@code jobId}; returns those. */
  private List<JobMessage> awaitMessages(String jobId, int count) {
    List<JobMessage> received = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              received.addAll(messagesFor(storage.jobQueue(), jobId));
              return received.size() >= count;
            });
    return received;
  }

  private static List<JobMessage> messagesFor(JobQueue queue, String jobId) {
    List<JobMessage> found = new ArrayList<>();
    for (QueuedMessage m : queue.fetch(32, Duration.ofMinutes(10))) {
      if (m.jobMessage().jobId().equals(jobId)) {
        found.add(m.jobMessage());
      }
    }
    return found;
  }
}
