package io.biotrack.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A part of the platform as a real process, started the way a user or a cluster starts it, its
 * output in a log file: the gateway ({@code ./biotrack up}, or the jar on the azure profile) and
 * the operator jar. Stopping sends SIGTERM, as Ctrl-C or Kubernetes do; {@link #kill()} sends
 * SIGKILL, as a crash.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final URI baseUrl;
  private final Path log;

  private ServiceProcess(Process process, URI baseUrl, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  /** {@code ./biotrack up --data DIR --port P} with {@code env} added; waits until it is ready. */
  public static ServiceProcess up(Path dataDir, int port, Map<String, String> env, Path log) {
    List<String> command =
        List.of(
            Repo.launcher().toString(),
            "up",
            "--data",
            dataDir.toString(),
            "--port",
            Integer.toString(port));
    return start(command, env, port, "/actuator/health/readiness", log);
  }

  /** {@code java -jar biotrack-api-gateway.jar} on the azure profile. */
  public static ServiceProcess azureGateway(int port, Map<String, String> env, Path log) {
    List<String> command =
        List.of(
            javaBin(),
            "-jar",
            Repo.gatewayJar().toString(),
            "--spring.profiles.active=azure",
            "--server.port=" + port);
    return start(command, env, port, "/actuator/health/readiness", log);
  }

  /** {@code java -jar biotrack-operator.jar}, its probes on {@code port}. */
  public static ServiceProcess operator(int port, Map<String, String> env, Path log) {
    List<String> command = List.of(javaBin(), "-jar", Repo.operatorJar().toString());
    Map<String, String> withPort = new java.util.HashMap<>(env);
    withPort.put("BIOTRACK_OPERATOR_PORT", Integer.toString(port));
    return start(command, withPort, port, "/readyz", log);
  }

  /** The {@code java} of this JVM. */
  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static ServiceProcess start(
      List<String> command, Map<String, String> env, int port, String readiness, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(Repo.ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // A service gets its storage from env only, never the test runner's own Azurite string.
      builder.environment().remove(io.biotrack.testing.Azurite.ENV);
      builder.environment().putAll(env);
      ServiceProcess service =
          new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
      service.awaitReady(readiness);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public Path log() {
    return log;
  }

  /** SIGKILL: no shutdown hook runs; child workers are left behind, as after a crash. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM, as Ctrl-C: the process shuts down (the embedded gateway stops its workers). */
  public void stop() {
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(Duration.ofSeconds(60))) {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitReady(String path) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the process exited with " + process.exitValue() + " while starting:\n" + tail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(250));
    }
    stop();
    throw new IllegalStateException(
        "the process did not become ready in " + START_TIMEOUT + ":\n" + tail());
  }

  private String tail() {
    String text = logText();
    return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis()); // polling a process that is starting, not an assertion
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
