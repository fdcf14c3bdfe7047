package io.biotrack.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping {@code ./biotrack up} (SIGTERM, as Ctrl-C) while clients still poll: requests are
 * answered or refused, never a 500. Before, H2's own shutdown hook closed the database while
 * Spring's graceful shutdown was still serving, and every request in that window answered 500
 * "Database is already closed" with a stack trace in the log (seen as {@code biotrack submit}
 * stopping with "the server answered 500").
 */
class GatewayShutdownIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void requestsDuringAShutdownAreNeverAnswered500() throws Exception {
    Path dataDir = TestContexts.newDataDir();
    Path logs = dataDir.resolveSibling(dataDir.getFileName() + "-logs");
    GatewayProcess gateway =
        GatewayProcess.start(dataDir, TestContexts.freePort(), Map.of(), logs, "shutdown")
            .awaitReady();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI jobs = gateway.baseUrl().resolve("/api/v1/jobs");
    String id =
        JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(jobs)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"polled\"}"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("jobId")
            .asText();
    HttpRequest poll =
        HttpRequest.newBuilder(jobs.resolve("jobs/" + id)).timeout(Duration.ofSeconds(20)).build();
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      clients.submit(
          () -> {
            while (gateway.handle().isAlive()) {
              try {
                statuses.add(http.send(poll, HttpResponse.BodyHandlers.discarding()).statusCode());
              } catch (IOException refused) {
                // no longer listening: what a stopped server does
              }
            }
            return null;
          });
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> statuses.size() >= 20); // they run

    gateway.close(); // SIGTERM

    clients.shutdown();
    assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    assertThat(statuses).as("answers while running and stopping").contains(200).doesNotContain(500);
    assertThat(gateway.stdout() + gateway.stderr()).doesNotContain("Database is already closed");
  }
}
