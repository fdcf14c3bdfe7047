package io.biotrack.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.gateway.support.GatewayProcess;
import io.biotrack.gateway.support.TestContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway jar that {@code ./biotrack up} runs, as real processes, for what only a whole process
 * shows. Start-up conflicts: a port that is taken, and a second platform on a data directory a
 * running one holds, each refused non-zero in one or two lines that name the cause, without
 * Spring's "APPLICATION FAILED TO START" banner or a stack trace (before: 24 and 45 lines, the
 * second's cause after a "Caused by:"). And {@code BIOTRACK_LOG_FORMAT=json}: every line one JSON
 * object, the lines about a job carrying its id and tenant. One running platform, on JSON logs,
 * serves all of them.
 */
class GatewayProcessIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static Path dataDir;
  static Path logs;
  static int runningPort;
  static GatewayProcess running;

  @BeforeAll
  static void up() {
    dataDir = TestContexts.newDataDir();
    logs = dataDir.resolveSibling(dataDir.getFileName() + "-logs");
    runningPort = TestContexts.freePort();
    running =
        GatewayProcess.start(
                dataDir, runningPort, Map.of("BIOTRACK_LOG_FORMAT", "json"), logs, "running")
            .awaitReady();
  }

  @AfterAll
  static void down() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void aBusyPortIsRefusedInOneLineThatNamesIt() {
    GatewayProcess refused =
        GatewayProcess.start(TestContexts.newDataDir(), runningPort, Map.of(), logs, "busy-port");

    assertThat(refused.awaitExit()).isNotZero();
    assertThat(lines(refused.stderr()))
        .hasSizeBetween(1, 2)
        .first()
        .asString()
        .startsWith("biotrack: cannot start: port " + runningPort + " is already in use");
    assertNoBannerNorStackTrace(refused);
  }

  @Test
  void aSecondPlatformOnTheSameDataDirectoryIsRefusedAndNamesTheRunningOne() {
    // On the same port too: the data directory is the conflict to name, so it is checked first.
    for (int port : new int[] {TestContexts.freePort(), runningPort}) {
      GatewayProcess refused =
          GatewayProcess.start(dataDir, port, Map.of(), logs, "same-data-" + port);

      assertThat(refused.awaitExit()).isNotZero();
      assertThat(lines(refused.stderr()))
          .hasSizeBetween(1, 2)
          .first()
          .asString()
          .startsWith(
              "biotrack: cannot start: another Biotrack is already running on the data directory "
                  + dataDir)
          .contains("process " + running.handle().pid())
          .contains("http://127.0.0.1:" + runningPort);
      assertNoBannerNorStackTrace(refused);
    }
  }

  @Test
  void aSecondPlatformIsRefusedBeforeItOpensTheRunningOnesDatabase() {
    // Flyway at INFO says when it validates or migrates a database; the refused platform must not
    // even try to open the running one's database.
    GatewayProcess refused =
        GatewayProcess.start(
            dataDir,
            TestContexts.freePort(),
            Map.of("LOGGING_LEVEL_ORG_FLYWAYDB", "INFO"),
            logs,
            "same-data-no-database");

    assertThat(refused.awaitExit()).isNotZero();
    String output = refused.stdout() + refused.stderr();
    assertThat(output).contains("another Biotrack is already running on the data directory");
    assertThat(output)
        .doesNotContain("jdbc:h2")
        .doesNotContainIgnoringCase("flyway")
        .doesNotContain("migration");
  }

  @Test
  void withJsonLogsARefusalIsOneJsonLogEvent() throws IOException {
    GatewayProcess refused =
        GatewayProcess.start(
            dataDir,
            TestContexts.freePort(),
            Map.of("BIOTRACK_LOG_FORMAT", "json"),
            logs,
            "refused-json");

    assertThat(refused.awaitExit()).isNotZero();
    List<JsonNode> events = events(refused.stdout() + refused.stderr());
    assertThat(events)
        .filteredOn(e -> e.path("level").asText().equals("ERROR"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.path("message").asText())
                    .startsWith(
                        "cannot start: another Biotrack is already running on the data directory"));
    assertThat(events).noneMatch(e -> e.has("stack_trace"));
  }

  @Test
  void withJsonLogsEveryLineIsJsonAndTheLinesAboutAJobNameItAndItsTenant() throws Exception {
    String jobId = runOneJob();
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> running.stdout().contains(jobId + ": COMPLETED"));

    List<JsonNode> events = events(running.stdout() + running.stderr());
    List<JsonNode> aboutTheJob =
        events.stream().filter(e -> e.path("message").asText().contains(jobId)).toList();
    assertThat(aboutTheJob).hasSizeGreaterThanOrEqualTo(2); // launched, completed
    for (JsonNode event : aboutTheJob) {
      assertThat(event.path("jobId").asText()).as(event.toString()).isEqualTo(jobId);
      assertThat(event.path("tenant").asText()).as(event.toString()).isEqualTo("local");
    }
  }

  /**
   * Creates, uploads and starts a one-photo job as tenant local (no keys); waits until it is done.
   */
  private static String runOneJob() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI api = running.baseUrl().resolve("/api/v1/jobs");
    JsonNode created =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(api)
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"json logs\",\"files\":[{\"name\":\"a.jpg\"}]}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    String jobId = created.path("jobId").asText();
    HttpResponse<String> upload =
        http.send(
            HttpRequest.newBuilder(URI.create(created.path("uploads").get(0).path("url").asText()))
                .header("Content-Type", "application/octet-stream")
                .PUT(
                    HttpRequest.BodyPublishers.ofFile(
                        Path.of("../samples/camera-traps/sample-dzf-01.jpg")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    HttpResponse<String> start =
        http.send(
            HttpRequest.newBuilder(api.resolve("jobs/" + jobId + "/start"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                JSON.readTree(
                        http.send(
                                HttpRequest.newBuilder(api.resolve("jobs/" + jobId)).build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body())
                    .path("status")
                    .asText()
                    .equals("COMPLETED"));
    return jobId;
  }

  /** Each non-empty line as JSON; fails on a line that is not one JSON object. */
  private static List<JsonNode> events(String text) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines(text)) {
      JsonNode event = JSON.readTree(line);
      assertThat(event.isObject()).as(line).isTrue();
      assertThat(event.has("@timestamp") && event.has("level") && event.has("message"))
          .as(line)
          .isTrue();
      events.add(event);
    }
    return events;
  }

  private static List<String> lines(String text) {
    return text.lines().filter(line -> !line.isBlank()).toList();
  }

  private static void assertNoBannerNorStackTrace(GatewayProcess refused) {
    for (String text : List.of(refused.stdout(), refused.stderr())) {
      assertThat(text)
          .doesNotContain("APPLICATION FAILED TO START")
          .doesNotContain("Caused by:")
          .doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(");
    }
  }
}
