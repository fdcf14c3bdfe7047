package io.biotrack.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/** The REST API v1 as a client sees it over HTTP (docs/api.md), uploads included. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final URI base;
  private final String apiKey;

  public Api(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  public Api(URI base) {
    this(base, null);
  }

  /** One file of a job: its name in the job and its bytes. */
  public record Upload(String name, byte[] bytes) {}

  /** {@code POST /api/v1/jobs}, the PUT of every file to its upload target, then start. */
  public String createUploadAndStart(String name, List<Upload> files) {
    JsonNode created = create(name, files.stream().map(Upload::name).toList());
    Iterator<JsonNode> targets = created.path("uploads").elements();
    for (Upload file : files) {
      JsonNode target = targets.next();
      if (!target.path("name").asText().equals(file.name())) {
        throw new IllegalStateException("upload targets out of order: " + target);
      }
      upload(target, file.bytes());
    }
    String id = created.path("jobId").asText();
    start(id);
    return id;
  }

  /**
   * As {@link #createUploadAndStart(String, List)}, for a job that reuses {@code previousJobId}.
   */
  public String createUploadAndStart(String name, List<Upload> files, String previousJobId) {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("previousJobId", previousJobId);
    ArrayNode list = body.putArray("files");
    files.forEach(file -> list.addObject().put("name", file.name()));
    JsonNode created = expect(201, send(request("/api/v1/jobs").POST(json(body))));
    Iterator<JsonNode> targets = created.path("uploads").elements();
    for (Upload file : files) {
      upload(targets.next(), file.bytes());
    }
    String id = created.path("jobId").asText();
    start(id);
    return id;
  }

  public JsonNode create(String name, List<String> files) {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    ArrayNode list = body.putArray("files");
    files.forEach(file -> list.addObject().put("name", file));
    return expect(201, send(request("/api/v1/jobs").POST(json(body))));
  }

  /** {@code POST /api/v1/jobs} for these names, whatever the answer: for tests of refusals. */
  public HttpResponse<String> tryCreate(String name, List<String> files) {
    ObjectNode body = JSON.createObjectNode().put("name", name);
    ArrayNode list = body.putArray("files");
    files.forEach(file -> list.addObject().put("name", file));
    return send(request("/api/v1/jobs").POST(json(body)));
  }

  /**
   * {@code PUT /api/v1/jobs/{id}/files/{name}} (the direct upload, with this client's key or none),
   * each folder of the name percent-encoded; whatever the answer.
   */
  public HttpResponse<String> tryUpload(String id, String file, byte[] bytes) {
    StringBuilder path = new StringBuilder("/api/v1/jobs/").append(id).append("/files");
    for (String segment : file.split("/", -1)) {
      path.append('/')
          .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return send(
        request(path.toString())
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
        HttpResponse.BodyHandlers.ofString());
  }

  /** PUT to an upload target exactly as it says: its URL, method and headers, no API key. */
  public void upload(JsonNode target, byte[] bytes) {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(target.path("url").asText()))
            .timeout(Duration.ofMinutes(2))
            .method(
                target.path("method").asText("PUT"), HttpRequest.BodyPublishers.ofByteArray(bytes));
    target
        .path("headers")
        .fields()
        .forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
    HttpResponse<String> response = send(put, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "upload of "
              + target.path("name")
              + ": "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  /**
   * A job without files (in shards of {@code shardSize}), its files registered a page of 1,000 at a
   * time, each uploaded to its target, then started: the season-sized path.
   */
  public String createRegisterUploadAndStart(String name, List<Upload> files, int shardSize) {
    String id = createRegisterAndUpload(name, files, shardSize);
    start(id);
    return id;
  }

  /** {@link #createRegisterUploadAndStart} without the start. */
  public String createRegisterAndUpload(String name, List<Upload> files, int shardSize) {
    JsonNode created =
        expect(
            201,
            send(
                request("/api/v1/jobs")
                    .POST(
                        json(
                            JSON.createObjectNode()
                                .put("name", name)
                                .put("shardSize", shardSize)))));
    String id = created.path("jobId").asText();
    for (int from = 0; from < files.size(); from += 1000) {
      List<Upload> page = files.subList(from, Math.min(files.size(), from + 1000));
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("files");
      page.forEach(
          file -> list.addObject().put("name", file.name()).put("size", file.bytes().length));
      JsonNode registered =
          expect(201, send(request("/api/v1/jobs/" + id + "/files").POST(json(body))));
      Iterator<JsonNode> targets = registered.path("uploads").elements();
      for (Upload file : page) {
        upload(targets.next(), file.bytes());
      }
    }
    return id;
  }

  /** Any GET of the API, its JSON answer (200 expected). */
  public JsonNode get(String path) {
    return expect(200, send(request(path).GET()));
  }

  /** {@code POST /api/v1/jobs/{id}/start}, whatever the answer. */
  public HttpResponse<String> tryStart(String id) {
    return send(request("/api/v1/jobs/" + id + "/start").POST(HttpRequest.BodyPublishers.noBody()));
  }

  public JsonNode start(String id) {
    return expect(
        202,
        send(request("/api/v1/jobs/" + id + "/start").POST(HttpRequest.BodyPublishers.noBody())));
  }

  public JsonNode job(String id) {
    return expect(200, send(request("/api/v1/jobs/" + id).GET()));
  }

  public JsonNode cancel(String id) {
    return expect(
        200,
        send(request("/api/v1/jobs/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody())));
  }

  public JsonNode info() {
    return expect(200, send(request("/api/v1/info").GET()));
  }

  /** The results file through the job's signed results link, without the API key. */
  public byte[] resultsByLink(String id) {
    JsonNode job = job(id);
    String url = job.path("results").path("url").asText();
    if (url.isEmpty()) {
      throw new IllegalStateException("job " + id + " has no results link: " + job);
    }
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(URI.create(url)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET results link: " + response.statusCode());
    }
    return response.body();
  }

  /** {@code GET /api/v1/jobs/{id}/results?format=csv}. */
  public String resultsCsv(String id) {
    HttpResponse<String> response =
        send(request("/api/v1/jobs/" + id + "/results?format=csv").GET());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET csv: " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  public static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder;
  }

  private static HttpRequest.BodyPublisher json(JsonNode body) {
    return HttpRequest.BodyPublishers.ofString(body.toString());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (request.build().bodyPublisher().isPresent()) {
      request.header("Content-Type", "application/json");
    }
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri()
              + ": expected "
              + status
              + ", got "
              + response.statusCode()
              + " "
              + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
