package io.biotrack.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestContexts;
import io.biotrack.gateway.support.TestImages;
import io.biotrack.gateway.support.WorkerSteps;
import io.biotrack.job.JobStore;
import io.biotrack.storage.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * A bounded fuzz test with a fixed seed: a few thousand random and malformed requests (methods,
 * paths, ids, file names, query parameters, keys, media types, bodies; some as raw bytes on a
 * socket) against real jobs in every state. No answer may be a 5xx or show a stack trace, and every
 * error the application answers is a problem document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("embedded")
@AutoConfigureWebTestClient(timeout = "30s")
class EmbeddedFuzzIT {
  static final int PORT = TestContexts.freePort();
  static final Path DATA_DIR = TestContexts.newDataDir();
  static final long SEED = 20251125L;
  static final int CLIENT_REQUESTS = 2500;
  static final int RAW_REQUESTS = 500;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestContexts.registerEmbedded(registry, PORT, DATA_DIR);
    registry.add("biotrack.gateway.sweeper.enabled", () -> "false");
  }

  @Autowired WebTestClient web;
  @Autowired JobStore jobStore;
  @Autowired BlobStore blobStore;

  private final Random random = new Random(SEED);
  private final List<String> jobIds = new ArrayList<>();
  private final SortedMap<Integer, Integer> statuses = new TreeMap<>();

  @Test
  void randomAndMalformedRequestsNeverGetA5xxOrAStackTrace() throws IOException {
    ApiClient acme = ApiClient.withKey(web, GatewayApiContract.ACME_KEY);
    jobIds.add(acme.create("a.jpg", "cam/b.jpg").jobId());
    jobIds.add(acme.createWithUploads("a.jpg").jobId());
    String queued = acme.createWithUploads("a.jpg").jobId();
    acme.start(queued).expectStatus().isAccepted();
    jobIds.add(queued);
    String completed = acme.createWithUploads("a.jpg").jobId();
    acme.start(completed).expectStatus().isAccepted();
    new WorkerSteps(jobStore, blobStore).complete("acme", completed);
    jobIds.add(completed);
    jobIds.add(acme.create("x.jpg").jobId());

    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CLIENT_REQUESTS; i++) {
      clientRequest(i, failures);
    }
    for (int i = 0; i < RAW_REQUESTS; i++) {
      rawRequest(i, failures);
    }
    System.out.println("fuzz statuses (seed " + SEED + "): " + statuses);
    assertThat(failures).isEmpty();
    // The requests reached every kind of answer, not just the auth wall.
    assertThat(statuses).containsKeys(200, 201, 202, 204, 400, 401, 404, 405, 409, 415, 422);
    // Still serving normally afterwards.
    acme.web().get().uri("/api/v1/jobs").exchange().expectStatus().isOk();
  }

  // ---- through an HTTP client: well-formed HTTP, odd content -----------------------------

  private void clientRequest(int n, List<String> failures) {
    HttpMethod method =
        pick(
            HttpMethod.GET,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.DELETE,
            HttpMethod.PATCH,
            HttpMethod.HEAD,
            HttpMethod.OPTIONS);
    String path = path();
    URI uri;
    try {
      uri = URI.create("http://127.0.0.1:" + PORT + path);
    } catch (IllegalArgumentException notAUri) {
      return; // the raw-socket half sends those
    }
    WebTestClient.RequestBodySpec request = web.method(method).uri(uri);
    auth(request);
    String contentType =
        pick(
            "application/json",
            "application/octet-stream",
            "text/plain",
            "image/jpeg",
            "multipart/form-data",
            "application/json; charset=utf-16",
            "a/b;;c=",
            null);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    byte[] body = body();
    EntityExchangeResult<byte[]> result =
        (body == null
                ? request
                // Raw buffers: the client sends any Content-Type as it is, even a malformed one.
                : request.body(
                    BodyInserters.fromDataBuffers(
                        Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(body)))))
            .exchange()
            .expectBody()
            .returnResult();
    int status = result.getStatus().value();
    statuses.merge(status, 1, Integer::sum);
    String text =
        result.getResponseBody() == null
            ? ""
            : new String(result.getResponseBody(), StandardCharsets.UTF_8);
    String what = "#" + n + " " + method + " " + path + " (" + contentType + ") → " + status;
    if (status >= 500) {
      failures.add(what + " " + text);
    }
    if (status >= 400 && method != HttpMethod.HEAD) {
      MediaType type = result.getResponseHeaders().getContentType();
      if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
        failures.add(what + " is not a problem document: " + type);
      }
    }
    if (looksLikeAStackTrace(text)) {
      failures.add(what + " shows a stack trace");
    }
  }

  private void auth(WebTestClient.RequestBodySpec request) {
    switch (random.nextInt(7)) {
      case 0, 1, 2 -> request.header("Authorization", "Bearer " + GatewayApiContract.ACME_KEY);
      case 3 -> request.header("X-Api-Key", GatewayApiContract.UMBRELLA_KEY);
      case 4 ->
          request.header(
              "Authorization",
              pick(
                  "Bearer",
                  "Bearer ",
                  "Basic Zm9vOmJhcg==",
                  "bearer " + randomText(40),
                  "Negotiate x"));
      case 5 -> request.header("X-Api-Key", randomText(random.nextInt(100)));
      default -> {}
    }
  }

  private String path() {
    String id = id();
    return switch (random.nextInt(12)) {
      case 0 -> "/api/v1/jobs";
      case 1 -> "/api/v1/jobs/" + id;
      case 2 -> "/api/v1/jobs/" + id + "/start";
      case 3 -> "/api/v1/jobs/" + id + "/cancel";
      case 4 -> "/api/v1/jobs/" + id + "/results" + query();
      case 5, 6 -> "/api/v1/jobs/" + id + "/files/" + fileName() + query();
      case 7 -> "/api/v1/jobs" + query();
      case 8 ->
          pick(
              "/api/v2/jobs",
              "/api",
              "/api/",
              "/api/v1",
              "/actuator/env",
              "/actuator/heapdump",
              "/actuator/health",
              "/v3/api-docs",
              "/nope",
              "/api/v1/jobs/" + id + "/files");
      case 9 -> "/api/v1/jobs/" + id + "/" + randomSegment();
      default -> "/" + randomSegment() + "/" + randomSegment();
    };
  }

  private String id() {
    return switch (random.nextInt(6)) {
      case 0, 1, 2 -> jobIds.get(random.nextInt(jobIds.size()));
      case 3 -> "0123456789abcdefghjkmnpqrs";
      case 4 -> randomSegment();
      default -> "x".repeat(random.nextInt(3000));
    };
  }

  private String fileName() {
    return switch (random.nextInt(8)) {
      case 0 -> "a.jpg";
      case 1 -> "cam1/IMG_" + random.nextInt(1000) + ".JPG";
      case 2 ->
          pick(
              "..",
              "../a.jpg",
              "%2E%2E/a.jpg",
              "a/../../b",
              ".",
              "a//b",
              "%00",
              "%2F%2F",
              "%C0%AE%C0%AE/a",
              "a%5Cb.jpg",
              "C:%5Cx.jpg",
              "%E2%80%AEgpj.exe");
      case 3 -> "n".repeat(random.nextInt(2000)) + ".jpg";
      case 4 -> "%F0%9F%90%BB/%C3%A9.jpg";
      default -> randomSegment() + "/" + randomSegment();
    };
  }

  private String query() {
    if (random.nextBoolean()) {
      return "";
    }
    StringBuilder q = new StringBuilder("?");
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      q.append(pick("limit", "cursor", "status", "format", "sig", "expires", "perm", "x"))
          .append('=')
          .append(
              pick(
                  "1",
                  "0",
                  "-5",
                  "101",
                  "99999999999999999999",
                  "csv",
                  "json",
                  "QUEUED",
                  "upload",
                  "download",
                  "abc",
                  randomSegment(),
                  "",
                  "%00"))
          .append('&');
    }
    return q.toString();
  }

  private byte[] body() {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> "{\"files\":[{\"name\":\"a.jpg\"}]}".getBytes(StandardCharsets.UTF_8);
      case 2 ->
          mutate(
              "{\"name\":\"n\",\"files\":[{\"name\":\"a.jpg\",\"size\":12,\"contentType\":\"image/jpeg\"}],\"options\":{\"confidenceThreshold\":0.3}}");
      case 3 ->
          pick(
                  "{\"files\":\"x\"}",
                  "{\"files\":[1,2]}",
                  "[]",
                  "null",
                  "\"x\"",
                  "{\"files\":[{\"name\":null}]}",
                  "{\"options\":{\"confidenceThreshold\":1e999}}",
                  "{\"files\":[{\"size\":-1e308}]}",
                  "{\"files\":[{\"name\":\"a\\u0000b\"}]}")
              .getBytes(StandardCharsets.UTF_8);
      case 4 -> ("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.UTF_8);
      case 5 -> TestImages.jpeg();
      case 6 -> new byte[0];
      default -> {
        byte[] bytes = new byte[random.nextInt(4096)];
        random.nextBytes(bytes);
        yield bytes;
      }
    };
  }

  private byte[] mutate(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return random.nextInt(4) == 0 ? Arrays.copyOf(bytes, random.nextInt(bytes.length)) : bytes;
  }

  // ---- raw bytes on a socket: what no well-behaved client would send ---------------------

  private void rawRequest(int n, List<String> failures) throws IOException {
    String method = pick("GET", "POST", "PUT", "DELETE", "BREW", "get");
    String target =
        switch (random.nextInt(4)) {
          case 0 -> "/api/v1/jobs/" + id() + "/files/" + rawText(30);
          case 1 -> "/api/v1/jobs/" + rawText(30);
          case 2 -> "/api/v1/jobs?" + rawText(30);
          default -> "/" + rawText(60);
        };
    String body = random.nextBoolean() ? "" : "{\"files\":[{\"name\":\"" + rawText(20) + "\"}]}";
    StringBuilder request =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\n")
            .append("Host: 127.0.0.1\r\nConnection: close\r\n")
            .append("Authorization: Bearer ")
            .append(GatewayApiContract.ACME_KEY)
            .append("\r\n");
    if (random.nextBoolean()) {
      request
          .append("Content-Type: ")
          .append(pick("application/json", "a/b;;c=", "/", "image/jpeg"))
          .append("\r\n");
    }
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    switch (random.nextInt(3)) {
      case 0 -> request.append("Content-Length: ").append(payload.length);
      case 1 -> {
        request.append("Transfer-Encoding: chunked");
        String chunked =
            payload.length == 0
                ? "0\r\n\r\n"
                : Integer.toHexString(payload.length) + "\r\n" + body + "\r\n0\r\n\r\n";
        payload = chunked.getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        request.append("Content-Length: ").append(pick("-1", "abc", "99999999999999999999"));
        payload = new byte[0];
      }
    }
    request.append("\r\n\r\n");
    byte[] head = request.toString().getBytes(StandardCharsets.ISO_8859_1);
    String response = exchangeRaw(head, payload);
    String what = "raw #" + n + " " + method + " " + target.replaceAll("\\p{Cntrl}", "?");
    if (response.equals("HUNG")) {
      failures.add(what + " → no answer within 10 s");
      return;
    }
    if (response.isEmpty()) {
      return; // the server may close a connection on bytes that are not HTTP
    }
    if (!response.startsWith("HTTP/1.1 ")) {
      failures.add(what + " → not HTTP: " + response.substring(0, Math.min(40, response.length())));
      return;
    }
    int status = Integer.parseInt(response.substring(9, 12));
    statuses.merge(status, 1, Integer::sum);
    if (status >= 500) {
      failures.add(what + " → " + status);
    }
    if (looksLikeAStackTrace(response)) {
      failures.add(what + " shows a stack trace");
    }
  }

  private String exchangeRaw(byte[] head, byte[] body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      // No half-close: the server answers and closes (Connection: close).
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException hang) {
      return "HUNG";
    } catch (SocketException reset) {
      return ""; // closed by the server: acceptable for garbage
    }
  }

  private String rawText(int max) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      s.append(
          pick(
              "%",
              "%zz", "%2", "..", "/", "{", "}", "|", "\\", "\"", "<", ">", "^", "`", "[", "]", "#",
              "?", "&", ";", "=", "é", "\u0007", "a", "b", "1", "%00", "%FF"));
    }
    return s.toString();
  }

  private String randomSegment() {
    StringBuilder s = new StringBuilder();
    int n = 1 + random.nextInt(20);
    for (int i = 0; i < n; i++) {
      s.append(
          pick(
              "a", "Z", "9", "-", "_", ".", "~", "%20", "%2F", "%25", "%C3%A9", "..", "!", "$", "'",
              "(", ")", "*", "+", ",", ";", "=", ":", "@"));
    }
    return s.toString();
  }

  private String randomText(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) (0x21 + random.nextInt(0x5e)));
    }
    return s.toString();
  }

  private static boolean looksLikeAStackTrace(String text) {
    return text.contains("\tat ") || text.contains("Exception:") || text.contains("at io.biotrack");
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
