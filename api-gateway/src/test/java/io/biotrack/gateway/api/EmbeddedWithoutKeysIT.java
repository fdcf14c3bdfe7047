package io.biotrack.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.gateway.support.TestImages;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Embedded mode as {@code ./biotrack up} runs it: no API keys configured, listening on 127.0.0.1,
 * so requests without a key act as the tenant {@code local}, and only this machine's own pages and
 * programs may use it (LoopbackHostFilter).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("embedded")
@AutoConfigureWebTestClient(timeout = "60s")
class EmbeddedWithoutKeysIT {
  static final int PORT = TestContexts.freePort();
  static final Path DATA_DIR = TestContexts.newDataDir();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("BIOTRACK_DATA_DIR", DATA_DIR::toString);
    registry.add("biotrack.gateway.sweeper.enabled", () -> "false");
    registry.add("biotrack.embedded.dispatcher", () -> "false"); // keys only; jobs are not run here
  }

  @Autowired WebTestClient web;
  @Autowired JobStore jobStore;

  @Test
  void requestsWithoutAKeyWorkAsTheLocalTenant() {
    ApiClient local = ApiClient.anonymous(web);
    String id = local.createWithUploads("a.jpg", "cam/b.jpg").jobId();
    local.start(id).expectStatus().isAccepted();
    assertThat(local.job(id).path("status").asText()).isEqualTo("QUEUED");
    assertThat(jobStore.find("local", id)).isPresent();
  }

  // ---- keyless mode and web pages in this machine's browser ---------------------------------

  /** Over a real connection, as a browser or curl reach the server (Host and all). */
  final WebTestClient http =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(60))
          .build();

  /** What a DNS-rebinding page sends: its own name in Host (and Origin), our address. */
  @Test
  void anotherHostNameIsRefusedEverywhereWith421() {
    String rebound = "rebind.attacker.example:" + PORT;
    int jobsBefore = localJobs();
    JsonNode create =
        ApiClient.problem(
            http.post()
                .uri("/api/v1/jobs")
                .header(HttpHeaders.HOST, rebound)
                .header(HttpHeaders.ORIGIN, "http://" + rebound)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiClient.jobRequest("a.jpg"))
                .exchange(),
            421);
    assertThat(create.path("type").asText()).isEqualTo("urn:biotrack:problem:misdirected-request");
    assertThat(create.path("detail").asText()).contains("127.0.0.1, localhost, [::1]");
    for (String path : new String[] {"/", "/ui/js/app.js", "/api/v1/jobs", "/actuator/health"}) {
      ApiClient.problem(http.get().uri(path).header(HttpHeaders.HOST, rebound).exchange(), 421);
    }
    assertThat(localJobs()).isEqualTo(jobsBefore);
  }

  private int localJobs() {
    return jobStore.list("local", JobQuery.firstPage(JobQuery.MAX_LIMIT)).jobs().size();
  }

  @Test
  void aWriteFromAnotherSiteIsRefusedWith403AndChangesNothing() {
    ApiClient local = ApiClient.anonymous(http);
    String id = local.createWithUploads("a.jpg").jobId();
    for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:1"}) {
      JsonNode start =
          ApiClient.problem(
              http.post()
                  .uri("/api/v1/jobs/{id}/start", id)
                  .header(HttpHeaders.ORIGIN, origin)
                  .exchange(),
              403);
      assertThat(start.path("type").asText()).isEqualTo("urn:biotrack:problem:cross-site-request");
      assertThat(start.path("detail").asText()).contains("curl");
    }
    ApiClient.problem(
        http.post()
            .uri("/api/v1/jobs/{id}/start", id)
            .header("Sec-Fetch-Site", "cross-site")
            .exchange(),
        403);
    ApiClient.problem(
        http.delete()
            .uri("/api/v1/jobs/{id}", id)
            .header(HttpHeaders.ORIGIN, "http://evil.example")
            .exchange(),
        403);
    assertThat(local.job(id).path("status").asText()).isEqualTo("PENDING");
  }

  @Test
  void theWebUiAndCurlKeepWorkingIncludingSignedUploads() {
    String self = "http://127.0.0.1:" + PORT;
    // As the browser sends it from the UI's page: same origin.
    CreateJobResponse created =
        http.post()
            .uri("/api/v1/jobs")
            .header(HttpHeaders.ORIGIN, self)
            .header("Sec-Fetch-Site", "same-origin")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(ApiClient.jobRequest("a.jpg", "b.jpg"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(CreateJobResponse.class)
            .returnResult()
            .getResponseBody();
    WebTestClient bare = WebTestClient.bindToServer().build();
    bare.put()
        .uri(created.uploads().get(0).url())
        .header(HttpHeaders.ORIGIN, self)
        .contentType(MediaType.IMAGE_JPEG)
        .bodyValue(TestImages.jpeg())
        .exchange()
        .expectStatus()
        .isCreated();
    // As curl sends it: no Origin.
    bare.put()
        .uri(created.uploads().get(1).url())
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .bodyValue(TestImages.jpeg())
        .exchange()
        .expectStatus()
        .isCreated();
    http.post()
        .uri("/api/v1/jobs/{id}/start", created.jobId())
        .header(HttpHeaders.ORIGIN, "http://localhost:" + PORT)
        .exchange()
        .expectStatus()
        .isAccepted();
    for (String host : new String[] {"localhost:" + PORT, "127.0.0.1:" + PORT, "[::1]:" + PORT}) {
      http.get().uri("/").header(HttpHeaders.HOST, host).exchange().expectStatus().isOk();
    }
  }

  @Test
  void aKeyIsStillCheckedWhenOneIsSent() {
    ApiClient.problem(
        web.get()
            .uri("/api/v1/jobs")
            .header(HttpHeaders.AUTHORIZATION, "Bearer made-up")
            .exchange(),
        401);
  }
}
