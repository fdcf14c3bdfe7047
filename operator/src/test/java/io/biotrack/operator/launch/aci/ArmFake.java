package io.biotrack.operator.launch.aci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the ARM container group endpoints on 127.0.0.1: records every request, stores PUT
 * bodies as groups, and serves them back with a provisioning state and a container instance view
 * the test chooses. Like ARM, it lists a resource group's groups without their containers' state
 * (only a read of one group has it). It can answer PUTs with 429 (with {@code retry-after-ms}) or
 * with another error first.
 */
final class ArmFake implements AutoCloseable {
  static final Pattern GROUP =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.ContainerInstance/containerGroups/([^/?]+)");

  static final Pattern LIST =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.ContainerInstance/containerGroups/?");

  record Recorded(String method, String path, String body, Instant at) {}

  /** An error ARM answers PUTs with. */
  record Refusal(int status, String code, String message) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ObjectNode> groups = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> containerStates = new ConcurrentHashMap<>();
  private final AtomicInteger throttledPuts = new AtomicInteger();
  private volatile long retryAfterMillis = 150;
  private volatile Refusal refusal;
  private final AtomicInteger maxGroupsAtOnce = new AtomicInteger();
  private volatile String provisioningState = "Succeeded";
  private volatile String failFirstProvisioningOf;

  ArmFake() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Recorded> requests(String method) {
    return requests().stream().filter(r -> r.method().equals(method)).toList();
  }

  ObjectNode lastPutBody() throws IOException {
    List<Recorded> puts = requests("PUT");
    return (ObjectNode) json.readTree(puts.get(puts.size() - 1).body());
  }

  /** The body of the last PUT of group {@code name}. */
  ObjectNode putBody(String name) throws IOException {
    List<Recorded> puts =
        requests("PUT").stream()
            .filter(r -> r.path().contains("/containerGroups/" + name + "?"))
            .toList();
    return (ObjectNode) json.readTree(puts.get(puts.size() - 1).body());
  }

  /** Reads of one group (GET with a name), as opposed to lists. */
  long groupReads() {
    return requests("GET").stream()
        .filter(r -> GROUP.matcher(r.path().split("\\?")[0]).matches())
        .count();
  }

  /** The next {@code count} PUTs get 429 (asking to wait 150 ms). */
  void throttlePuts(int count) {
    throttlePuts(count, Duration.ofMillis(150));
  }

  /** The next {@code count} PUTs get 429, asking to wait {@code retryAfter}. */
  void throttlePuts(int count, Duration retryAfter) {
    retryAfterMillis = retryAfter.toMillis();
    throttledPuts.set(count);
  }

  /** PUTs are refused with this error until {@link #acceptPuts}. */
  void refusePuts(int status, String code, String message) {
    refusal = new Refusal(status, code, message);
  }

  void acceptPuts() {
    refusal = null;
  }

  /** New groups come back in this provisioning state ("Succeeded", "Failed", "Creating"). */
  void provisionAs(String state) {
    provisioningState = state;
  }

  /** The group with this name is provisioned as Failed; others as {@link #provisionAs}. */
  void failProvisioningOf(String name) {
    failFirstProvisioningOf = name;
  }

  void containerState(String name, String state, Integer exitCode, String detail) {
    ObjectNode current = json.createObjectNode().put("state", state).put("detailStatus", detail);
    if (exitCode != null) {
      current.put("exitCode", exitCode);
    }
    containerStates.put(name, current);
  }

  java.util.Set<String> groups() {
    return java.util.Set.copyOf(groups.keySet());
  }

  int maxGroupsAtOnce() {
    return maxGroupsAtOnce.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    requests.add(new Recorded(method, exchange.getRequestURI().toString(), body, Instant.now()));
    if (LIST.matcher(path).matches() && method.equals("GET")) {
      ArrayNode value = json.createArrayNode();
      groups.values().forEach(group -> value.add(listed(group)));
      ObjectNode page = json.createObjectNode();
      page.set("value", value);
      send(exchange, 200, page.toString());
      return;
    }
    Matcher matcher = GROUP.matcher(path);
    if (!matcher.matches()) {
      send(exchange, 404, error("NotFound", "no such endpoint " + path));
      return;
    }
    String name = matcher.group(3);
    switch (method) {
      case "PUT" -> put(exchange, path, name, body);
      case "GET" -> {
        ObjectNode group = groups.get(name);
        if (group == null) {
          send(exchange, 404, error("ResourceNotFound", "container group " + name + " not found"));
        } else {
          send(exchange, 200, withInstanceView(name, group).toString());
        }
      }
      case "DELETE" -> {
        ObjectNode removed = groups.remove(name);
        containerStates.remove(name);
        send(exchange, removed == null ? 204 : 200, removed == null ? "" : removed.toString());
      }
      default -> send(exchange, 405, error("MethodNotAllowed", method));
    }
  }

  private void put(HttpExchange exchange, String path, String name, String body)
      throws IOException {
    if (throttledPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exchange.getResponseHeaders().add("retry-after-ms", Long.toString(retryAfterMillis));
      send(exchange, 429, error("TooManyRequests", "The request is being throttled."));
      return;
    }
    Refusal refused = refusal;
    if (refused != null) {
      send(exchange, refused.status(), error(refused.code(), refused.message()));
      return;
    }
    ObjectNode group = (ObjectNode) json.readTree(body);
    group.put("id", path);
    group.put("name", name);
    group.put("type", "Microsoft.ContainerInstance/containerGroups");
    String state = name.equals(failFirstProvisioningOf) ? "Failed" : provisioningState;
    ((ObjectNode) group.get("properties")).put("provisioningState", state);
    boolean created = groups.put(name, group) == null;
    maxGroupsAtOnce.accumulateAndGet(groups.size(), Math::max);
    send(exchange, created ? 201 : 200, group.toString());
  }

  /** A group as ARM lists it: no instance view, no secure values. */
  private ObjectNode listed(ObjectNode stored) {
    ObjectNode group = stored.deepCopy();
    for (var container : group.path("properties").path("containers")) {
      ((ObjectNode) container.path("properties")).remove("instanceView");
    }
    return group;
  }

  private ObjectNode withInstanceView(String name, ObjectNode stored) {
    ObjectNode group = stored.deepCopy();
    ObjectNode state = containerStates.get(name);
    if (state != null) {
      ArrayNode containers = (ArrayNode) group.get("properties").get("containers");
      ObjectNode properties = (ObjectNode) containers.get(0).get("properties");
      properties.putObject("instanceView").set("currentState", state);
    }
    return group;
  }

  private String error(String code, String message) {
    ObjectNode error = json.createObjectNode();
    error.putObject("error").put("code", code).put("message", message);
    return error.toString();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
