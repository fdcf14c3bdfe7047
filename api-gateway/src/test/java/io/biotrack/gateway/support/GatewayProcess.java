package io.biotrack.gateway.support;

import io.biotrack.testing.FakeJobWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built gateway jar as a real process on the embedded profile (what {@code ./biotrack up}
 * execs), its standard output and error in files of their own: for what only a whole process shows,
 * such as how it refuses to start and what its log lines look like.
 */
public final class GatewayProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target/biotrack-api-gateway.jar").toAbsolutePath();

  /** The committed test model, which the embedded platform runs while no model is installed. */
  public static final Path TEST_MODEL =
      Path.of("../models/testing/biotrack-test-md.torchscript").toAbsolutePath().normalize();

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final int port;
  private final Path stdout;
  private final Path stderr;

  private GatewayProcess(Process process, int port, Path stdout, Path stderr) {
    this.process = process;
    this.port = port;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts the jar with data in {@code dataDir} on {@code port}, core's {@link FakeJobWorker} as
   * its worker, {@code env} added; returns at once (see {@link #awaitReady()} and {@link
   * #awaitExit()}). Output goes to {@code logs/name.out} and {@code logs/name.err}.
   */
  public static GatewayProcess start(
      Path dataDir, int port, Map<String, String> env, Path logs, String name) {
    try {
      Files.createDirectories(logs);
      Path out = logs.resolve(name + ".out");
      Path err = logs.resolve(name + ".err");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of(
              "-jar",
              JAR.toString(),
              "--spring.profiles.active=embedded",
              "--server.port=" + port));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("BIOTRACK_DATA_DIR", dataDir.toAbsolutePath().toString());
      builder.environment().put("BIOTRACK_TEST_MODEL", TEST_MODEL.toString());
      // core's stand-in for the worker (the job-mode contract without a detector): this module
      // does not build the worker; e2e/ runs the real one.
      builder
          .environment()
          .put("BIOTRACK_LOCAL_WORKER_COMMAND", String.join(" ", FakeJobWorker.command()));
      builder.environment().putAll(env);
      return new GatewayProcess(builder.start(), port, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Waits until the gateway answers its readiness probe. */
  public GatewayProcess awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the gateway exited with "
                + process.exitValue()
                + " while starting:\n"
                + stderr()
                + stdout());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250); // polling a process that is starting, not an assertion
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException(
        "the gateway was not ready in " + START_TIMEOUT + ":\n" + stdout());
  }

  /** Waits for the process to end by itself; its exit code. */
  public int awaitExit() {
    try {
      if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the gateway neither started nor stopped in " + START_TIMEOUT);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String stdout() {
    return read(stdout);
  }

  public String stderr() {
    return read(stderr);
  }

  /** SIGTERM, as Ctrl-C; SIGKILL if it does not stop within a minute. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
