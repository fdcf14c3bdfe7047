package io.biotrack.gateway.api;

import static io.biotrack.gateway.support.ApiClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.adapter.local.LocalUrlSigner;
import io.biotrack.adapter.local.SigningKeyFile;
import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.gateway.support.TestImages;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.SignedUrl;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The API on the embedded profile: H2 job table and queue, blobs in a data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("embedded")
@AutoConfigureWebTestClient(timeout = "60s")
class EmbeddedGatewayApiIT extends GatewayApiContract {
  static final int PORT = TestContexts.freePort();
  static final Path DATA_DIR = TestContexts.newDataDir();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestContexts.registerEmbedded(registry, PORT, DATA_DIR);
    registry.add("biotrack.gateway.sweeper.enabled", () -> "false");
  }

  @Override
  protected void assertUploadUrl(String jobId, CreateJobResponse.UploadTarget target) {
    assertThat(target.url().toString())
        .matches(
            "http://127\\.0\\.0\\.1:"
                + PORT
                + "/api/v1/jobs/"
                + jobId
                + "/files/cam1/IMG%200001\\.JPG\\?expires=\\d+&perm=upload&sig=[A-Za-z0-9_-]+");
    assertThat(target.headers()).isEmpty();
  }

  @Test
  void aSignedUploadUrlWorksOnlyForItsOwnFileAndOnlyUnchanged() {
    CreateJobResponse created = acme.create("a.jpg", "b.jpg");
    CreateJobResponse.UploadTarget a = created.uploads().get(0);
    String url = a.url().toString();

    JsonNode tampered =
        problem(putRaw(URI.create(url.replace("sig=", "sig=x")), TestImages.jpeg()), 401);
    assertThat(tampered.path("detail").asText()).contains("signature");
    problem(
        putRaw(URI.create(url.replace("/files/a.jpg", "/files/c.jpg")), TestImages.jpeg()), 401);
    problem(
        putRaw(URI.create(url.replace("perm=upload", "perm=download")), TestImages.jpeg()), 401);
    // The same signature is no download permission, and no read of the upload.
    problem(WebTestClient.bindToServer().build().get().uri(URI.create(url)).exchange(), 401);

    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(created.jobId())))
        .isEmpty();
    putRaw(a.url(), TestImages.jpeg()).expectStatus().isCreated();
  }

  @Test
  void anExpiredSignedUrlIsRefused() {
    CreateJobResponse created = acme.create("a.jpg");
    Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
    LocalUrlSigner signer =
        new LocalUrlSigner(
            SigningKeyFile.loadOrCreate(DATA_DIR),
            URI.create("http://127.0.0.1:" + PORT),
            anHourAgo);
    SignedUrl expired =
        signer.uploadUrl(
            BlobContainer.UPLOADS,
            BlobNames.upload(created.jobId(), "a.jpg"),
            Duration.ofMinutes(5));
    JsonNode problem = problem(putRaw(expired.url(), TestImages.jpeg()), 401);
    assertThat(problem.path("detail").asText()).contains("expired");
  }

  @Test
  void aSignedResultsUrlNeedsItsSignature() {
    String id = acme.createWithUploads("a.jpg").jobId();
    acme.start(id).expectStatus().isAccepted();
    worker.complete("acme", id);
    String url = acme.job(id).path("results").path("url").asText();
    problem(
        WebTestClient.bindToServer()
            .build()
            .get()
            .uri(URI.create(url.replace("sig=", "sig=A")))
            .exchange(),
        401);
    // A results signature does not open another job's results.
    String other = acme.createWithUploads("a.jpg").jobId();
    problem(
        WebTestClient.bindToServer()
            .build()
            .get()
            .uri(URI.create(url.replace(id, other)))
            .exchange(),
        401);
  }

  /** Host and Origin checks are for keyless mode; with keys, pages cannot act for a tenant. */
  @Test
  void withApiKeysAnyHostAndOriginAreServedAsBefore() {
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + PORT)
        .build()
        .post()
        .uri("/api/v1/jobs")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + ACME_KEY)
        .header(HttpHeaders.HOST, "biotrack.lab.example:" + PORT)
        .header(HttpHeaders.ORIGIN, "http://evil.example")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(ApiClient.jobRequest("a.jpg"))
        .exchange()
        .expectStatus()
        .isCreated();
  }

  private static WebTestClient.ResponseSpec putRaw(URI url, byte[] body) {
    return WebTestClient.bindToServer()
        .build()
        .put()
        .uri(url)
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .bodyValue(body)
        .exchange();
  }
}
