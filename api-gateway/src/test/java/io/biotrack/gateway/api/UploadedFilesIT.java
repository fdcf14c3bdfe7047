package io.biotrack.gateway.api;

import static io.biotrack.gateway.support.ApiClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.gateway.support.TestImages;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the web UI reads besides the job API: an uploaded image back (for its owner only) and the
 * upload limits. Embedded profile, real storage in a data directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("embedded")
@AutoConfigureWebTestClient(timeout = "60s")
class UploadedFilesIT {
  static final int PORT = TestContexts.freePort();
  static final Path DATA_DIR = TestContexts.newDataDir();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestContexts.registerEmbedded(registry, PORT, DATA_DIR);
    registry.add("biotrack.gateway.max-files", () -> "7");
    registry.add("biotrack.gateway.max-file-size", () -> "3MB");
    registry.add("biotrack.gateway.sweeper.enabled", () -> "false");
  }

  @Autowired WebTestClient web;
  ApiClient acme;
  ApiClient umbrella;

  @BeforeEach
  void clients() {
    acme = ApiClient.withKey(web, GatewayApiContract.ACME_KEY);
    umbrella = ApiClient.withKey(web, GatewayApiContract.UMBRELLA_KEY);
  }

  @Test
  void theOwnerGetsAnUploadedImageBackWithItsType() {
    String id = acme.create("cam 1/IMG 0001.JPG", "b.png").jobId();
    byte[] jpeg = TestImages.jpeg();
    byte[] png = TestImages.png();
    acme.upload(id, "cam 1/IMG 0001.JPG", jpeg).expectStatus().isCreated();
    acme.upload(id, "b.png", png).expectStatus().isCreated();

    byte[] body =
        acme.web()
            .get()
            .uri(raw("/api/v1/jobs/" + id + "/files/cam%201/IMG%200001.JPG"))
            .accept(MediaType.IMAGE_JPEG)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.IMAGE_JPEG)
            .expectHeader()
            .valueEquals("Cache-Control", "max-age=600, private")
            .expectHeader()
            .valueEquals("X-Content-Type-Options", "nosniff")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    assertThat(body).isEqualTo(jpeg);
    acme.web()
        .get()
        .uri("/api/v1/jobs/{id}/files/b.png", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_PNG)
        .expectBody(byte[].class)
        .isEqualTo(png);
  }

  @Test
  void otherTenantsMissingFilesAndBadNamesGetProblems() {
    String id = acme.createWithUploads("a.jpg").jobId();

    JsonNode otherTenant =
        problem(umbrella.web().get().uri("/api/v1/jobs/{id}/files/a.jpg", id).exchange(), 404);
    assertThat(otherTenant.path("type").asText()).isEqualTo("urn:biotrack:problem:job-not-found");
    JsonNode missing =
        problem(acme.web().get().uri("/api/v1/jobs/{id}/files/b.jpg", id).exchange(), 404);
    assertThat(missing.path("type").asText()).isEqualTo("urn:biotrack:problem:file-not-found");
    assertThat(missing.path("detail").asText()).contains("'b.jpg'");
    for (String name : List.of("%2E%2E/x.jpg", "a//b.jpg", "%00.jpg")) {
      JsonNode badName =
          problem(
              acme.web().get().uri(raw("/api/v1/jobs/" + id + "/files/" + name)).exchange(), 400);
      assertThat(badName.path("type").asText())
          .as(name)
          .isEqualTo("urn:biotrack:problem:invalid-file-name");
    }
    problem(
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + PORT)
            .build()
            .get()
            .uri("/api/v1/jobs/{id}/files/a.jpg", id)
            .exchange(),
        401);
  }

  /** Absolute, so the client sends the path exactly as written (no template encoding). */
  private static URI raw(String path) {
    return URI.create("http://127.0.0.1:" + PORT + path);
  }

  @Test
  void limitsAreTheConfiguredOnes() {
    acme.web()
        .get()
        .uri("/api/v1/limits")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.maxFiles")
        .isEqualTo(7)
        .jsonPath("$.maxFileBytes")
        .isEqualTo(3 * 1024 * 1024)
        .jsonPath("$.acceptedTypes")
        .isEqualTo(List.of("image/jpeg", "image/png", "image/tiff", "image/bmp"));
  }
}
