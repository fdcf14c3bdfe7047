package io.biotrack.adapter.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobPermission;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two signed routes of the embedded gateway, just enough to exercise {@link LocalUrlSigner}
 * over HTTP the way the real gateway uses it: map (method, path) to (container, blob, permission),
 * {@link LocalUrlSigner#verify verify}, then touch the blob store. Every other request is 403.
 */
final class SignedUrlTestGateway implements AutoCloseable {
  private static final String JOBS = "/api/v1/jobs/";

  private final HttpServer server;
  private final BlobStore blobs;
  private final Supplier<LocalUrlSigner> verifier;

  SignedUrlTestGateway(BlobStore blobs, Supplier<LocalUrlSigner> verifier) throws IOException {
    this.blobs = blobs;
    this.verifier = verifier;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath(); // decoded
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Target target = target(exchange.getRequestMethod(), path);
      if (target == null
          || !verifier
              .get()
              .verify(target.container, target.name, target.permission, query)
              .valid()) {
        respond(exchange, 403, "forbidden".getBytes());
        return;
      }
      if (target.permission == BlobPermission.UPLOAD) {
        try (InputStream body = exchange.getRequestBody()) {
          blobs.put(target.container, target.name, body, 10_000_000);
        }
        respond(exchange, 201, new byte[0]);
      } else {
        try (InputStream in = blobs.open(target.container, target.name)) {
          respond(exchange, 200, in.readAllBytes());
        } catch (BlobNotFoundException e) {
          respond(exchange, 404, new byte[0]);
        }
      }
    }
  }

  /** PUT/GET …/files/{file} and GET/PUT …/results; the method decides the permission needed. */
  private static Target target(String method, String path) {
    if (!path.startsWith(JOBS)) {
      return null;
    }
    String rest = path.substring(JOBS.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String jobId = rest.substring(0, slash);
    String route = rest.substring(slash + 1);
    BlobPermission permission =
        method.equals("PUT") ? BlobPermission.UPLOAD : BlobPermission.DOWNLOAD;
    try {
      if (route.equals("results")) {
        return new Target(BlobContainer.RESULTS, BlobNames.results(jobId), permission);
      }
      if (route.startsWith("files/")) {
        return new Target(
            BlobContainer.UPLOADS, BlobNames.upload(jobId, route.substring(6)), permission);
      }
      if (route.equals("files")) { // a listing: no single blob, nothing a URL could grant
        return new Target(BlobContainer.UPLOADS, BlobNames.jobPrefix(jobId), permission);
      }
    } catch (IllegalArgumentException badName) {
      return null;
    }
    return null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.putIfAbsent(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private record Target(BlobContainer container, String name, BlobPermission permission) {}
}
