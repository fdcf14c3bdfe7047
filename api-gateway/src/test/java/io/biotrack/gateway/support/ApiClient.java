package io.biotrack.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.gateway.api.CreateJobResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The API as one tenant sees it, through a real HTTP connection to the test server. */
public final class ApiClient {
  private final WebTestClient web;

  private ApiClient(WebTestClient web) {
    this.web = web;
  }

  public static ApiClient withKey(WebTestClient web, String key) {
    return new ApiClient(
        web.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key).build());
  }

  public static ApiClient anonymous(WebTestClient web) {
    return new ApiClient(web);
  }

  public WebTestClient web() {
    return web;
  }

  /** {@code {"files":[{"name":…},…]}}. */
  public static Map<String, Object> jobRequest(String... files) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "test job");
    body.put("files", Arrays.stream(files).map(f -> Map.of("name", f)).toList());
    return body;
  }

  public CreateJobResponse create(String... files) {
    return web.post()
        .uri("/api/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(jobRequest(files))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(CreateJobResponse.class)
        .returnResult()
        .getResponseBody();
  }

  /** PUT the bytes to one upload target exactly as a client would: its URL, method, headers. */
  public WebTestClient.ResponseSpec putToTarget(
      CreateJobResponse.UploadTarget target, byte[] bytes) {
    // A bare client: upload URLs carry their own authorization (signature or SAS).
    return WebTestClient.bindToServer()
        .build()
        .put()
        .uri(target.url())
        .headers(h -> target.headers().forEach(h::set))
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .bodyValue(bytes)
        .exchange();
  }

  public WebTestClient.ResponseSpec upload(String jobId, String file, byte[] bytes) {
    return web.put()
        .uri("/api/v1/jobs/" + jobId + "/files/" + file)
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .bodyValue(bytes)
        .exchange();
  }

  /** {@code POST /api/v1/jobs/{id}/files} with these names. */
  public WebTestClient.ResponseSpec register(String jobId, List<String> names) {
    return web.post()
        .uri("/api/v1/jobs/{id}/files", jobId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("files", names.stream().map(n -> Map.of("name", n)).toList()))
        .exchange();
  }

  /** One page of {@code GET /api/v1/jobs/{id}/files}. */
  public JsonNode files(String jobId, String cursor, int limit) {
    return files(jobId, cursor, limit, 200);
  }

  public JsonNode files(String jobId, String cursor, int limit, int status) {
    return web.get()
        .uri(
            b -> {
              b.path("/api/v1/jobs/{id}/files").queryParam("limit", limit);
              if (cursor != null) {
                b.queryParam("cursor", cursor);
              }
              return b.build(jobId);
            })
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody(JsonNode.class)
        .returnResult()
        .getResponseBody();
  }

  public WebTestClient.ResponseSpec start(String jobId) {
    return web.post().uri("/api/v1/jobs/{id}/start", jobId).exchange();
  }

  public WebTestClient.ResponseSpec cancel(String jobId) {
    return web.post().uri("/api/v1/jobs/{id}/cancel", jobId).exchange();
  }

  public WebTestClient.ResponseSpec delete(String jobId) {
    return web.delete().uri("/api/v1/jobs/{id}", jobId).exchange();
  }

  public WebTestClient.ResponseSpec get(String jobId) {
    return web.get().uri("/api/v1/jobs/{id}", jobId).exchange();
  }

  public JsonNode job(String jobId) {
    return get(jobId)
        .expectStatus()
        .isOk()
        .expectBody(JsonNode.class)
        .returnResult()
        .getResponseBody();
  }

  /** Creates a job for these files and uploads a small JPEG to each target. */
  public CreateJobResponse createWithUploads(String... files) {
    CreateJobResponse created = create(files);
    for (CreateJobResponse.UploadTarget target : created.uploads()) {
      putToTarget(target, TestImages.jpeg()).expectStatus().is2xxSuccessful();
    }
    return created;
  }

  /** The problem's JSON, after checking status and media type. */
  public static JsonNode problem(WebTestClient.ResponseSpec response, int status) {
    return response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody(JsonNode.class)
        .returnResult()
        .getResponseBody();
  }

  public static List<String> fields(JsonNode problem) {
    return problem.path("errors").findValuesAsText("field");
  }
}
