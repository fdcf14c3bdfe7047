package io.biotrack.gateway.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The REST API v1 as {@code biotrack submit} uses it, over Java's HTTP client: one method per call,
 * JSON in and out, an {@link ApiException} with the problem's detail for every answer that is not a
 * success. Requests that change nothing, or change it idempotently, are retried on a broken
 * connection or a 5xx; a create is not (a retried create could make two jobs).
 */
final class BiotrackClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 4;

  /** A non-success answer: its status and the problem's detail, or the body's start. */
  static final class ApiException extends IOException {
    final int status;

    ApiException(int status, String detail) {
      super(detail);
      this.status = status;
    }
  }

  private final HttpClient http;
  private final URI server;
  private final String apiKey;

  BiotrackClient(URI server, String apiKey) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.server = server;
    this.apiKey = apiKey;
  }

  JsonNode job(String jobId) throws IOException, InterruptedException {
    return send(request("/api/v1/jobs/" + jobId).GET(), true);
  }

  JsonNode create(String name, Integer shardSize) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    if (shardSize != null) {
      body.put("shardSize", shardSize);
    }
    return send(json(request("/api/v1/jobs"), body), false);
  }

  /** Registers files (name → size) and returns their upload targets (name → target). */
  JsonNode register(String jobId, Map<String, Long> files)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode list = body.putArray("files");
    files.forEach((name, size) -> list.addObject().put("name", name).put("size", size));
    return send(json(request("/api/v1/jobs/" + jobId + "/files"), body), true);
  }

  JsonNode files(String jobId, String cursor) throws IOException, InterruptedException {
    String query = "?limit=1000" + (cursor == null ? "" : "&cursor=" + encode(cursor));
    return send(request("/api/v1/jobs/" + jobId + "/files" + query).GET(), true);
  }

  JsonNode start(String jobId) throws IOException, InterruptedException {
    return send(
        request("/api/v1/jobs/" + jobId + "/start").POST(HttpRequest.BodyPublishers.noBody()),
        true);
  }

  /** PUTs a file to an upload target exactly as the API gave it: URL, method, headers. */
  void upload(JsonNode target, Path file) throws IOException, InterruptedException {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(target.path("url").asText()))
            .timeout(Duration.ofMinutes(10))
            .method(target.path("method").asText("PUT"), HttpRequest.BodyPublishers.ofFile(file))
            .header("Content-Type", "application/octet-stream");
    for (Iterator<Map.Entry<String, JsonNode>> it = target.path("headers").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      put.header(header.getKey(), header.getValue().asText());
    }
    if (target.path("url").asText().startsWith(server.toString()) && apiKey != null) {
      put.header("Authorization", "Bearer " + apiKey); // harmless beside a signature
    }
    HttpResponse<String> response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new ApiException(response.statusCode(), detail(response.body()));
    }
  }

  /** Downloads the results (JSON, or CSV) of a COMPLETED job to {@code file}. */
  void results(String jobId, boolean csv, Path file) throws IOException, InterruptedException {
    HttpRequest get =
        request("/api/v1/jobs/" + jobId + "/results" + (csv ? "?format=csv" : ""))
            .timeout(Duration.ofHours(1))
            .GET()
            .build();
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    HttpResponse<Path> response = http.send(get, HttpResponse.BodyHandlers.ofFile(partial));
    if (response.statusCode() != 200) {
      String body = java.nio.file.Files.readString(partial);
      java.nio.file.Files.deleteIfExists(partial);
      throw new ApiException(response.statusCode(), detail(body));
    }
    java.nio.file.Files.move(
        partial,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(5));
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder;
  }

  private static HttpRequest.Builder json(HttpRequest.Builder builder, JsonNode body) {
    return builder
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  private JsonNode send(HttpRequest.Builder builder, boolean retry)
      throws IOException, InterruptedException {
    HttpRequest request = builder.header("Accept", "application/json").build();
    IOException last = null;
    for (int attempt = 1; attempt <= (retry ? ATTEMPTS : 1); attempt++) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return response.body().isEmpty()
              ? JSON.createObjectNode()
              : JSON.readTree(response.body());
        }
        ApiException problem = new ApiException(response.statusCode(), detail(response.body()));
        if (response.statusCode() < 500) {
          throw problem;
        }
        last = problem;
      } catch (ApiException clientError) {
        throw clientError;
      } catch (IOException broken) {
        last = broken;
      }
      Thread.sleep(500L << (attempt - 1));
    }
    throw last;
  }

  private static String detail(String body) {
    try {
      JsonNode problem = JSON.readTree(body);
      if (problem.hasNonNull("detail")) {
        StringBuilder text = new StringBuilder(problem.get("detail").asText());
        for (JsonNode error : problem.path("errors")) {
          text.append("\n  ")
              .append(error.path("field").asText())
              .append(": ")
              .append(error.path("detail").asText());
        }
        return text.toString();
      }
    } catch (IOException notJson) {
      // fall through
    }
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static List<String> names(JsonNode page) {
    return page.path("files").findValuesAsText("name");
  }
}
