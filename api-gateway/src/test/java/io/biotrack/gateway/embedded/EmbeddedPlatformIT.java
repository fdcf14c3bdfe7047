package io.biotrack.gateway.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.gateway.api.CreateJobResponse;
import io.biotrack.gateway.submit.SubmitCommand;
import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.gateway.support.TestImages;
import io.biotrack.model.ModelFiles;
import io.biotrack.testing.FakeJobWorker;
import io.biotrack.testing.TorchFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import picocli.CommandLine;

/**
 * The embedded profile as {@code ./biotrack up} runs it: the gateway with its local dispatcher,
 * which runs each job in a child process. The worker here is core's {@link FakeJobWorker} (the
 * job-mode contract without a detector); e2e/ runs the real one. No model is installed, so the
 * platform runs on the test model and says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("embedded")
@AutoConfigureWebTestClient(timeout = "60s")
class EmbeddedPlatformIT {
  static final int PORT = TestContexts.freePort();
  static final Path DATA_DIR = TestContexts.newDataDir();
  static final Path TEST_MODEL = testModel();

  @Autowired WebTestClient web;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestContexts.registerEmbedded(registry, PORT, DATA_DIR);
    registry.add("biotrack.gateway.api-keys", () -> "");
    registry.add("biotrack.embedded.dispatcher", () -> "true");
    registry.add("biotrack.embedded.workers", () -> "2");
    registry.add(
        "biotrack.embedded.worker-command", () -> String.join(" ", FakeJobWorker.command()));
    registry.add("biotrack.embedded.test-model", TEST_MODEL::toString);
  }

  /** A stand-in for the committed test model, with its checksum file. */
  static Path testModel() {
    try {
      Path dir =
          Files.createDirectories(DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-model"));
      Path model = TorchFiles.torchScript(dir.resolve("biotrack-test-md.torchscript"));
      Files.writeString(
          dir.resolve("biotrack-test-md.torchscript.sha256"),
          ModelFiles.sha256(model) + "  biotrack-test-md.torchscript\n");
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void infoSaysTheResultsAreNotRealDetectionsWhileTheTestModelRuns() {
    JsonNode info = getJson("/api/v1/info");

    assertThat(info.path("mode").asText()).isEqualTo("embedded");
    assertThat(info.path("model").path("testModel").asBoolean()).isTrue();
    assertThat(info.path("model").path("file").asText()).isEqualTo("biotrack-test-md.torchscript");
    assertThat(info.path("models").get(0).path("name").asText())
        .isEqualTo(info.path("model").path("name").asText());
    assertThat(info.path("workers").path("max").asInt()).isEqualTo(2);
    assertThat(info.path("warnings").get(0).asText())
        .contains("NOT real detections", DATA_DIR.resolve("models").toString(), "docs/models.md");
    assertThat(Files.isDirectory(DATA_DIR.resolve("models")))
        .as("the model folder to fill")
        .isTrue();
  }

  @Test
  void aStartedJobRunsInAChildProcessToCompletion() {
    ApiClient api = ApiClient.anonymous(web);
    CreateJobResponse created = api.create("a.png", "b.png");
    for (CreateJobResponse.UploadTarget target : created.uploads()) {
      api.putToTarget(target, TestImages.png()).expectStatus().isCreated();
    }
    web.post()
        .uri("/api/v1/jobs/{id}/start", created.jobId())
        .exchange()
        .expectStatus()
        .isAccepted();

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                getJson("/api/v1/jobs/" + created.jobId())
                    .path("status")
                    .asText()
                    .equals("COMPLETED"));

    JsonNode job = getJson("/api/v1/jobs/" + created.jobId());
    assertThat(job.path("attempt").asInt()).isEqualTo(1);
    assertThat(job.path("processedCount").asInt()).isEqualTo(2);
    assertThat(job.path("warning").asText()).contains("NOT real detections");
    assertThat(DATA_DIR.resolve("workers/logs/biotrack-" + created.jobId() + "-0-1.log")).exists();
  }

  @Test
  void submitSendsAFolderLeavesOutWhatAJobCannotTakeAndWritesTheResults(@TempDir Path work)
      throws Exception {
    Path season = Files.createDirectories(work.resolve("season/cam1"));
    Files.write(season.resolve("IMG_0001.png"), TestImages.png());
    Files.write(season.resolve("IMG_0002.png"), TestImages.png());
    Files.write(season.resolve("IMG_0003.gif"), "GIF89a".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(season.resolve("notes.txt"), "not a photo");
    Path results = work.resolve("season.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        new CommandLine(
                new SubmitCommand(
                    new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8)))
            .execute(
                work.resolve("season").toString(),
                "--server",
                "http://127.0.0.1:" + PORT,
                "-o",
                results.toString(),
                "--poll",
                "PT0.2S");

    assertThat(exit).as(err.toString(UTF_8)).isZero();
    // A GIF is an image to MegaDetector, but a job refuses it: left out, not a failed registration.
    assertThat(err.toString(UTF_8)).contains("leaving out 1 file(s)").contains("cam1/IMG_0003.gif");
    JsonNode written = new ObjectMapper().readTree(results.toFile());
    assertThat(written.path("images"))
        .extracting(i -> i.path("file").asText())
        .containsExactly("cam1/IMG_0001.png", "cam1/IMG_0002.png");
    assertThat(work.resolve("season.csv")).exists();
  }

  private JsonNode getJson(String path) {
    return web.get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(JsonNode.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void aJobForAModelThatIsNotInstalledIsAProblemListingTheInstalledOnes() {
    String installed = getJson("/api/v1/info").path("model").path("name").asText();

    web.post()
        .uri("/api/v1/jobs")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"x\",\"model\":\"mdv6\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith("application/problem+json")
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body).contains("model", "mdv6", installed).doesNotContain("Exception"));
  }
}
