package io.biotrack.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.gateway.GatewayApplication;
import io.biotrack.gateway.auth.ApiKeys;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code java -jar biotrack-api-gateway.jar bench [--seconds N] [--warmup W] [--connections C]
 * [--clients K] [--jobs-per-client J]}: starts the gateway (embedded profile, temporary data
 * directory, one API key) in this JVM and measures, with the load generator in the same JVM:
 *
 * <ol>
 *   <li>{@code GET /api/v1/jobs/{id}} against a bare WebFlux endpoint of the same server,
 *       alternating, C connections each: throughput, p50, p99, and the ratio;
 *   <li>create + upload + start under K concurrent clients: latency of each step and of the whole.
 * </ol>
 *
 * Not a test: it prints numbers (docs/performance.md keeps them) and asserts nothing.
 */
public final class GatewayBench {
  private static final String KEY = "bench-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String base;

  private GatewayBench(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  public static int run(String[] args) throws Exception {
    int seconds = intOption(args, "--seconds", 10);
    int warmUpSeconds = intOption(args, "--warmup", 15);
    int connections = intOption(args, "--connections", 32);
    int clients = intOption(args, "--clients", 100);
    int jobsPerClient = intOption(args, "--jobs-per-client", 3);
    int register = intOption(args, "--register", 100_000);
    int port = freePort();
    Path data = Files.createTempDirectory("biotrack-bench");
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(GatewayApplication.class)
            .profiles("embedded", "bench")
            // Command-line arguments: they win over application.yaml and the environment.
            .run(
                "--server.port=" + port,
                "--BIOTRACK_DATA_DIR=" + data,
                "--BIOTRACK_PUBLIC_URL=http://127.0.0.1:" + port,
                "--biotrack.gateway.api-keys=bench:" + ApiKeys.hash(KEY),
                "--biotrack.gateway.sweeper.enabled=false",
                "--biotrack.gateway.max-files=" + Math.max(register, 1_000),
                "--logging.level.root=WARN");
    ConnectionProvider pool =
        ConnectionProvider.builder("bench")
            .maxConnections(Math.max(connections, clients) * 2)
            .pendingAcquireMaxCount(-1)
            .build();
    try {
      HttpClient http =
          HttpClient.create(pool)
              .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + KEY))
              .responseTimeout(Duration.ofSeconds(30));
      GatewayBench bench = new GatewayBench(http, "http://127.0.0.1:" + port);
      System.out.printf(
          Locale.ROOT,
          "biotrack gateway bench: %d cores, Java %s, %ds per phase, %d connections, %d clients%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          seconds,
          connections,
          clients);
      bench.statusVersusBare(seconds, warmUpSeconds, connections);
      bench.createAndStart(clients, jobsPerClient);
      if (register > 0) {
        bench.registerAndList(register);
      }
      return 0;
    } finally {
      pool.disposeLater().block(Duration.ofSeconds(10));
      app.close();
      deleteTree(data);
    }
  }

  /** Phase 1: the status endpoint against the bare endpoint, two rounds each, alternating. */
  private void statusVersusBare(int seconds, int warmUpSeconds, int connections)
      throws IOException {
    String jobId = createQueuedJob();
    String status = base + "/api/v1/jobs/" + jobId;
    String bare = base + BareEndpointConfiguration.PATH;
    Duration warmUp = Duration.ofSeconds(warmUpSeconds);
    getLoad(bare, connections, warmUp);
    getLoad(status, connections, warmUp);
    List<Result> bareRuns = new ArrayList<>();
    List<Result> statusRuns = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      bareRuns.add(getLoad(bare, connections, Duration.ofSeconds(seconds)));
      statusRuns.add(getLoad(status, connections, Duration.ofSeconds(seconds)));
    }
    Result b = Result.mean(bareRuns);
    Result s = Result.mean(statusRuns);
    System.out.println();
    System.out.println("| endpoint | requests/s | p50 ms | p99 ms | CPU µs/request | errors |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.println(b.row("bare WebFlux endpoint (baseline)"));
    System.out.println(s.row("GET /api/v1/jobs/{id}"));
    System.out.printf(
        Locale.ROOT,
        "%nthroughput ratio status/bare: %.2f; p99 ratio status/bare: %.2f;"
            + " CPU-per-request ratio bare/status: %.2f%n",
        s.perSecond / b.perSecond,
        s.p99 / b.p99,
        b.cpuMicros / s.cpuMicros);
  }

  private Result getLoad(String url, int connections, Duration length) {
    Latencies latencies = new Latencies();
    AtomicInteger errors = new AtomicInteger();
    long end = System.nanoTime() + length.toNanos();
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    Flux.range(0, connections)
        .flatMap(
            i ->
                Mono.defer(
                        () -> {
                          long t0 = System.nanoTime();
                          return http.get()
                              .uri(url)
                              .responseSingle(
                                  (res, body) -> body.then(Mono.just(res.status().code())))
                              .doOnNext(
                                  code -> {
                                    latencies.add(System.nanoTime() - t0);
                                    if (code != 200) {
                                      errors.incrementAndGet();
                                    }
                                  });
                        })
                    .repeat(() -> System.nanoTime() < end),
            connections)
        .blockLast();
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / Math.max(1, latencies.count());
    return new Result(
        latencies.count() / elapsed,
        latencies.quantileMillis(0.5),
        latencies.quantileMillis(0.99),
        cpuMicros,
        errors.get());
  }

  /**
   * Phase 3: a season's registration: one job, N files registered a page of 1,000 at a time (one
   * client, as {@code biotrack submit} does), then listed back a page of 1,000 at a time.
   */
  private void registerAndList(int files) {
    String jobId =
        parse(post(base + "/api/v1/jobs", "{\"name\":\"season\"}").block()).path("jobId").asText();
    Latencies registration = new Latencies();
    long start = System.nanoTime();
    for (int from = 0; from < files; from += 1_000) {
      StringBuilder body = new StringBuilder("{\"files\":[");
      for (int i = from; i < Math.min(files, from + 1_000); i++) {
        body.append(i == from ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"name\":\"cam%03d/IMG_%06d.JPG\",\"size\":2483112}",
                    i / 2_000,
                    i));
      }
      long t0 = System.nanoTime();
      String answer =
          post(base + "/api/v1/jobs/" + jobId + "/files", body.append("]}").toString()).block();
      registration.add(System.nanoTime() - t0);
      if (!parse(answer).has("uploads")) {
        throw new IllegalStateException("registration failed: " + answer);
      }
    }
    double registerSeconds = (System.nanoTime() - start) / 1e9;
    Latencies listing = new Latencies();
    int listed = 0;
    String cursor = null;
    start = System.nanoTime();
    do {
      long t0 = System.nanoTime();
      String url =
          base
              + "/api/v1/jobs/"
              + jobId
              + "/files?limit=1000"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page =
          parse(http.get().uri(url).responseSingle((res, body) -> body.asString()).block());
      listing.add(System.nanoTime() - t0);
      listed += page.path("files").size();
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    double listSeconds = (System.nanoTime() - start) / 1e9;
    if (listed != files) {
      throw new IllegalStateException("listed " + listed + " of " + files + " files");
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "registering %,d files and listing them back, pages of 1,000, one client:%n",
        files);
    System.out.println("| step | requests | requests/s | files/s | p50 ms | p99 ms | total s |");
    System.out.println("|---|---|---|---|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| register (POST .../files) | %d | %.1f | %.0f | %.1f | %.1f | %.1f |%n",
        registration.count(),
        registration.count() / registerSeconds,
        files / registerSeconds,
        registration.quantileMillis(0.5),
        registration.quantileMillis(0.99),
        registerSeconds);
    System.out.printf(
        Locale.ROOT,
        "| list (GET .../files) | %d | %.1f | %.0f | %.1f | %.1f | %.1f |%n",
        listing.count(),
        listing.count() / listSeconds,
        files / listSeconds,
        listing.quantileMillis(0.5),
        listing.quantileMillis(0.99),
        listSeconds);
  }

  /** Phase 2: K clients at once, each creating, uploading to and starting J jobs in a row. */
  private void createAndStart(int clients, int jobsPerClient) throws IOException {
    byte[] jpeg = jpeg();
    Latencies create = new Latencies();
    Latencies upload = new Latencies();
    Latencies start = new Latencies();
    Latencies whole = new Latencies();
    Latencies createPlusStart = new Latencies();
    AtomicInteger errors = new AtomicInteger();
    String body = "{\"files\":[{\"name\":\"cam1/IMG_0001.JPG\"}]}";
    long t = System.nanoTime();
    Flux.range(0, clients)
        .flatMap(
            c ->
                Flux.range(0, jobsPerClient)
                    .concatMap(
                        j -> {
                          long t0 = System.nanoTime();
                          long[] marks = new long[3];
                          return post(base + "/api/v1/jobs", body)
                              .flatMap(
                                  created -> {
                                    marks[0] = System.nanoTime();
                                    create.add(marks[0] - t0);
                                    JsonNode json = parse(created);
                                    String url = json.path("uploads").path(0).path("url").asText();
                                    return put(url, jpeg)
                                        .map(
                                            code -> {
                                              marks[1] = System.nanoTime();
                                              upload.add(marks[1] - marks[0]);
                                              return json.path("jobId").asText();
                                            });
                                  })
                              .flatMap(id -> post(base + "/api/v1/jobs/" + id + "/start", ""))
                              .doOnNext(
                                  ignored -> {
                                    marks[2] = System.nanoTime();
                                    start.add(marks[2] - marks[1]);
                                    whole.add(marks[2] - t0);
                                    createPlusStart.add((marks[0] - t0) + (marks[2] - marks[1]));
                                  })
                              .onErrorResume(
                                  e -> {
                                    errors.incrementAndGet();
                                    return Mono.empty();
                                  });
                        }),
            clients)
        .blockLast();
    double elapsed = (System.nanoTime() - t) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%n%d clients x %d jobs: %d jobs started in %.1f s (%.0f jobs/s), %d errors%n%n",
        clients,
        jobsPerClient,
        whole.count(),
        elapsed,
        whole.count() / elapsed,
        errors.get());
    System.out.println("| step | p50 ms | p99 ms |");
    System.out.println("|---|---|---|");
    printRow("POST /api/v1/jobs (create)", create);
    printRow("PUT upload URL (one small JPEG)", upload);
    printRow("POST /api/v1/jobs/{id}/start", start);
    printRow("create + start (sum of the two)", createPlusStart);
    printRow("create → upload → start (whole)", whole);
  }

  private static void printRow(String name, Latencies l) {
    System.out.printf(
        Locale.ROOT, "| %s | %.1f | %.1f |%n", name, l.quantileMillis(0.5), l.quantileMillis(0.99));
  }

  private String createQueuedJob() throws IOException {
    JsonNode created =
        parse(post(base + "/api/v1/jobs", "{\"files\":[{\"name\":\"a.jpg\"}]}").block());
    String id = created.path("jobId").asText();
    put(created.path("uploads").path(0).path("url").asText(), jpeg()).block();
    post(base + "/api/v1/jobs/" + id + "/start", "").block();
    return id;
  }

  private Mono<String> post(String url, String json) {
    return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
        .post()
        .uri(url)
        .send(ByteBufFlux.fromString(Mono.just(json)))
        .responseSingle(
            (res, body) ->
                body.asString(StandardCharsets.UTF_8)
                    .defaultIfEmpty("")
                    .flatMap(
                        text ->
                            res.status().code() / 100 == 2
                                ? Mono.just(text)
                                : Mono.error(
                                    new IllegalStateException(res.status() + " " + text))));
  }

  private Mono<Integer> put(String url, byte[] bytes) {
    return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream"))
        .put()
        .uri(url)
        .send(ByteBufFlux.fromInbound(Mono.just(bytes)))
        .responseSingle(
            (res, body) ->
                body.then(
                    res.status().code() == 201
                        ? Mono.just(201)
                        : Mono.error(new IllegalStateException("upload: " + res.status()))));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }

  private static byte[] jpeg() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", out);
    return out.toByteArray();
  }

  /**
   * @param cpuMicros CPU time of this whole process (server and load generator) per request: unlike
   *     throughput it hardly moves when other programs load the machine
   */
  private record Result(double perSecond, double p50, double p99, double cpuMicros, int errors) {
    static Result mean(List<Result> runs) {
      return new Result(
          runs.stream().mapToDouble(Result::perSecond).average().orElse(0),
          runs.stream().mapToDouble(Result::p50).average().orElse(0),
          runs.stream().mapToDouble(Result::p99).average().orElse(0),
          runs.stream().mapToDouble(Result::cpuMicros).average().orElse(0),
          runs.stream().mapToInt(Result::errors).sum());
    }

    String row(String name) {
      return String.format(
          Locale.ROOT,
          "| %s | %.0f | %.2f | %.2f | %.0f | %d |",
          name,
          perSecond,
          p50,
          p99,
          cpuMicros,
          errors);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static int intOption(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
