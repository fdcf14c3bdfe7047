package io.biotrack.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.job.JobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Embedded mode as {@code ./biotrack up} runs it: no API keys configured, listening on 127.0.0.1,
 * so requests without a key act as the tenant {@code local}.
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

  @Test
  void aKeyIsStillCheckedWhenOneIsSent() {
    ApiClient.problem(
        web.get().uri("/api/v1/jobs").header(HttpHeaders.AUTHORIZATION, "Bearer made-up").exchange(),
        401);
  }
}
