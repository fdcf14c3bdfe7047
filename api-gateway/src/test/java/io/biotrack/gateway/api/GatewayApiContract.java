package io.biotrack.gateway.api;

import static io.biotrack.gateway.support.ApiClient.fields;
import static io.biotrack.gateway.support.ApiClient.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.gateway.auth.ApiKeys;
import io.biotrack.gateway.support.ApiClient;
import io.biotrack.gateway.support.TestImages;
import io.biotrack.gateway.support.WorkerSteps;
import io.biotrack.gateway.upload.UploadGate;
import io.biotrack.job.Job;
import io.biotrack.job.JobStore;
import io.biotrack.manifest.Manifest;
import io.biotrack.manifest.ManifestEntry;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.queue.QueuedMessage;
import io.biotrack.results.ResultsJson;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The REST API v1 against a real application context and real storage adapters. Subclasses pick the
 * profile (embedded: H2 + files; azure: Azurite) and configure two tenants' keys, {@link #ACME_KEY}
 * and {@link #UMBRELLA_KEY}.
 */
public abstract class GatewayApiContract {
  public static final String ACME_KEY = "acme-secret-key-1";
  public static final String UMBRELLA_KEY = "umbrella-secret-key-2";

  public static String apiKeysSetting() {
    return "acme:" + ApiKeys.hash(ACME_KEY) + ",umbrella:" + ApiKeys.hash(UMBRELLA_KEY);
  }

  @Autowired protected WebTestClient web;
  @Autowired protected JobStore jobStore;
  @Autowired protected BlobStore blobStore;
  @Autowired protected JobQueue jobQueue;

  @Value("${local.server.port}")
  protected int port;

  protected ApiClient acme;
  protected ApiClient umbrella;
  protected WorkerSteps worker;

  @BeforeEach
  void clients() {
    acme = ApiClient.withKey(web, ACME_KEY);
    umbrella = ApiClient.withKey(web, UMBRELLA_KEY);
    worker = new WorkerSteps(jobStore, blobStore);
  }

  // ---- create ----------------------------------------------------------------------------

  @Test
  void createReturnsAPendingJobWithOneUploadTargetPerFile() {
    Instant before = Instant.now();
    var response =
        acme.web()
            .post()
            .uri("/api/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "name", "Serra da Canastra",
                    "files",
                        List.of(
                            Map.of("name", "cam1/IMG 0001.JPG", "size", 1234),
                            Map.of("name", "b.png")),
                    "options", Map.of("confidenceThreshold", 0.2)))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueMatches(HttpHeaders.LOCATION, "/api/v1/jobs/[0-9a-z]{26}")
            .expectBody(CreateJobResponse.class)
            .returnResult()
            .getResponseBody();

    assertThat(response.status().name()).isEqualTo("PENDING");
    assertThat(response.uploads())
        .extracting(CreateJobResponse.UploadTarget::name)
        .containsExactly("cam1/IMG 0001.JPG", "b.png");
    assertThat(response.uploads()).allSatisfy(u -> assertThat(u.method()).isEqualTo("PUT"));
    assertThat(response.expiresAt()).isAfter(before.plus(Duration.ofMinutes(30)));
    assertUploadUrl(response.jobId(), response.uploads().get(0));

    JsonNode job = acme.job(response.jobId());
    assertThat(job.path("status").asText()).isEqualTo("PENDING");
    assertThat(job.path("name").asText()).isEqualTo("Serra da Canastra");
    assertThat(job.path("imageCount").asInt()).isEqualTo(2);
    assertThat(job.path("options").path("confidenceThreshold").asDouble()).isEqualTo(0.2);
    assertThat(job.has("results")).isFalse();
  }

  /** Profile-specific: a signed gateway URL, or an Azure blob SAS. */
  protected abstract void assertUploadUrl(String jobId, CreateJobResponse.UploadTarget target);

  @Test
  void createListsEveryBadFieldAtOnce() {
    List<Object> files = new ArrayList<>();
    files.add(Map.of("name", "../escape.jpg"));
    files.add(Map.of("name", "/etc/passwd"));
    files.add(Map.of("name", "ok.jpg", "size", 60L * 1024 * 1024));
    files.add(Map.of("name", "ok.jpg", "contentType", "text/plain"));
    files.add(null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("files", files);
    body.put("options", Map.of("confidenceThreshold", 2));

    JsonNode problem =
        problem(
            acme.web()
                .post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange(),
            400);

    assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:validation");
    assertThat(fields(problem))
        .containsExactlyInAnyOrder(
            "files[0].name",
            "files[1].name",
            "files[2].size",
            "files[3].name",
            "files[3].contentType",
            "files[4]",
            "options.confidenceThreshold");
    assertThat(problem.toString()).contains("52428800").contains("'..'").contains("absolute");
  }

  /** Names the review found passing creation and failing at upload with a 500. */
  @Test
  void speciesOptionsAreKeptAndBadOnesAreRefusedSayingWhich() {
    Map<String, Object> good = new LinkedHashMap<>();
    good.put("options", Map.of("classify", true, "country", "usa", "admin1", "ca"));
    CreateJobResponse created =
        acme.web()
            .post()
            .uri("/api/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(good)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(CreateJobResponse.class)
            .returnResult()
            .getResponseBody();
    JsonNode job = acme.job(created.jobId());
    assertThat(job.path("options").path("classify").asBoolean()).isTrue();
    assertThat(job.path("options").path("country").asText()).isEqualTo("USA");
    assertThat(job.path("options").path("admin1").asText()).isEqualTo("CA");

    for (Map<String, Object> options :
        List.<Map<String, Object>>of(
            Map.of("classify", true, "country", "XYZ"),
            Map.of("classify", true, "country", "KEN", "admin1", "CA"),
            Map.of("country", "USA"))) {
      JsonNode problem =
          problem(
              acme.web()
                  .post()
                  .uri("/api/v1/jobs")
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(Map.of("options", options))
                  .exchange(),
              400);
      assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:validation");
      assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("at io.");
      assertThat(fields(problem)).hasSize(1);
    }
  }

  @Test
  void createRefusesNamesThatCannotBeStoredOrDisplayHonestly() {
    JsonNode problem =
        problem(
            acme.web()
                .post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    ApiClient.jobRequest(
                        "x".repeat(300) + ".jpg",
                        "photo-\u202Egpj.exe",
                        "f.jpg",
                        "f.jpg/inner.jpg",
                        "d.jpg/e.jpg",
                        "d.jpg",
                        "=HYPERLINK(\"evil.example\";\"open\").jpg")) // fine: CSV neutralises it
                .exchange(),
            400);
    assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:validation");
    assertThat(fields(problem))
        .containsExactly("files[0].name", "files[1].name", "files[3].name", "files[5].name");
    assertThat(problem.toString())
        .contains("longer than 255 bytes")
        .contains("text-direction character U+202E")
        .contains("'f.jpg' is a file and also the folder of 'f.jpg/inner.jpg'")
        .contains("'d.jpg' is a file and also the folder of 'd.jpg/e.jpg'");
  }

  @Test
  void createRefusesA101stFile() {
    String[] files =
        IntStream.rangeClosed(1, 101).mapToObj(i -> "img" + i + ".jpg").toArray(String[]::new);
    JsonNode problem =
        problem(
            acme.web()
                .post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiClient.jobRequest(files))
                .exchange(),
            400);
    assertThat(fields(problem)).containsExactly("files");
    assertThat(problem.path("detail").asText()).contains("101").contains("at most 100");
  }

  @Test
  void createRefusesMissingFilesMalformedJsonWrongTypesAndOtherMediaTypes() {
    postJson("{\"name\":\"no files yet\"}").expectStatus().isCreated(); // files come later
    assertThat(problem(postJson("{\"files\": [ {\"name\": "), 400).path("type").asText())
        .isEqualTo("urn:biotrack:problem:malformed-request");
    JsonNode wrongType = problem(postJson("{\"files\": \"a.jpg\"}"), 400);
    assertThat(fields(wrongType)).containsExactly("files");
    assertThat(wrongType.path("detail").asText()).contains("must be an array");
    assertThat(
            fields(problem(postJson("{\"files\":[{\"name\":\"a.jpg\",\"size\":\"big\"}]}"), 400)))
        .containsExactly("files[0].size");
    assertThat(problem(postJson(""), 400).path("detail").asText()).contains("missing");
    problem(
        acme.web()
            .post()
            .uri("/api/v1/jobs")
            .contentType(MediaType.TEXT_PLAIN)
            .bodyValue("files=a.jpg")
            .exchange(),
        415);
  }

  @Test
  void createRefusesAHugeJsonBodyWith413() {
    String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"files\":[]}";
    problem(postJson(huge), 413);
  }

  private WebTestClient.ResponseSpec postJson(String json) {
    return acme.web()
        .post()
        .uri("/api/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }

  // ---- upload ----------------------------------------------------------------------------

  @Test
  void theSeedFlowCreatesUploadsThroughTheTargetsStartsAndQueues() {
    CreateJobResponse created = acme.create("cam1/a.jpg", "cam1/b.jpg", "c.jpg");
    for (CreateJobResponse.UploadTarget target : created.uploads()) {
      acme.putToTarget(target, TestImages.jpeg()).expectStatus().isCreated();
    }
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(created.jobId())))
        .extracting(b -> BlobNames.fileOf(created.jobId(), b.name()))
        .containsExactly("c.jpg", "cam1/a.jpg", "cam1/b.jpg");

    JsonNode started =
        acme.start(created.jobId())
            .expectStatus()
            .isAccepted()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(started.path("status").asText()).isEqualTo("QUEUED");

    JsonNode job = acme.job(created.jobId());
    assertThat(job.path("status").asText()).isEqualTo("QUEUED");
    assertThat(job.path("imageCount").asInt()).isEqualTo(3);
    assertThat(messagesFor(created.jobId()))
        .containsExactly(JobMessage.of(created.jobId(), "acme"));
  }

  @Test
  void directUploadWithAKeyStoresEachAcceptedTypeAndSaysWhatItFound() {
    CreateJobResponse created = acme.create("x.jpg", "a.png", "b.bmp", "c.tif", "cam 2/e.jpg");
    Map<String, byte[]> files =
        Map.of(
            "a.png", TestImages.png(),
            "b.bmp", TestImages.bmp(),
            "c.tif", TestImages.tiff(),
            "cam 2/e.jpg", TestImages.jpeg());
    Map<String, String> expected =
        Map.of(
            "a.png",
            "image/png",
            "b.bmp",
            "image/bmp",
            "c.tif",
            "image/tiff",
            "cam 2/e.jpg",
            "image/jpeg");
    files.forEach(
        (name, bytes) -> {
          JsonNode stored =
              acme.upload(created.jobId(), name, bytes)
                  .expectStatus()
                  .isCreated()
                  .expectBody(JsonNode.class)
                  .returnResult()
                  .getResponseBody();
          assertThat(stored.path("name").asText()).isEqualTo(name);
          assertThat(stored.path("size").asLong()).isEqualTo(bytes.length);
          assertThat(stored.path("contentType").asText()).isEqualTo(expected.get(name));
        });
    try (var in =
        blobStore.open(BlobContainer.UPLOADS, BlobNames.upload(created.jobId(), "cam 2/e.jpg"))) {
      assertThat(in.readAllBytes()).isEqualTo(TestImages.jpeg());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void uploadRefusesBytesThatAreNotAnImageAndStoresNothing() {
    CreateJobResponse created = acme.create("notes.jpg", "empty.jpg");
    JsonNode problem =
        problem(acme.upload(created.jobId(), "notes.jpg", "just text, not a JPEG".getBytes()), 400);
    assertThat(problem.path("type").asText())
        .isEqualTo("urn:biotrack:problem:unsupported-image-type");
    assertThat(problem.path("detail").asText()).contains("image/jpeg");
    problem(acme.upload(created.jobId(), "empty.jpg", new byte[0]), 400);
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(created.jobId())))
        .isEmpty();
  }

  /** Issue 14: WebP cannot be decoded exactly as MegaDetector does, so it is refused everywhere. */
  @Test
  void webPIsRefusedWithItsReasonAtUploadAndInTheFileList() {
    CreateJobResponse created = acme.create("photo.jpg");
    JsonNode problem =
        problem(acme.upload(created.jobId(), "photo.jpg", TestImages.webpHeader()), 400);
    assertThat(problem.path("type").asText())
        .isEqualTo("urn:biotrack:problem:unsupported-image-type");
    assertThat(problem.path("detail").asText()).contains("WebP photos are not accepted", "PNG");
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(created.jobId())))
        .isEmpty();
    JsonNode listed =
        problem(
            acme.web()
                .post()
                .uri("/api/v1/jobs")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"files\":[{\"name\":\"cam/a.webp\"}]}")
                .exchange(),
            400);
    assertThat(listed.toString())
        .contains(
            "files[0].name",
            "WEBP file, which Biotrack cannot decode exactly as MegaDetector does");
  }

  @Test
  void uploadRefusesNamesThatEscapeTheJob() {
    CreateJobResponse created = acme.create("a.jpg");
    for (String path :
        List.of("../other.jpg", "cam/../../x.jpg", "%2E%2E/x.jpg", "a//b.jpg", "%00.jpg", "")) {
      // Absolute, so the client sends the path exactly as written (no template encoding).
      URI uri = raw("/api/v1/jobs/" + created.jobId() + "/files/" + path);
      JsonNode problem =
          problem(
              acme.web()
                  .put()
                  .uri(uri)
                  .contentType(MediaType.APPLICATION_OCTET_STREAM)
                  .bodyValue(TestImages.jpeg())
                  .exchange(),
              400);
      assertThat(problem.path("type").asText())
          .as(path)
          .isEqualTo("urn:biotrack:problem:invalid-file-name");
    }
    assertThat(blobStore.list(BlobContainer.UPLOADS, "")).noneMatch(b -> b.name().contains(".."));
  }

  @Test
  void anUploadDeclaredLargerThanTheLimitIsRefusedBeforeItsBodyIsRead() {
    CreateJobResponse created = acme.create("big.jpg");
    long sixtyMb = 60L * 1024 * 1024;
    long[] sent = new long[1];
    JsonNode problem =
        problem(
            acme.web()
                .put()
                .uri("/api/v1/jobs/{id}/files/big.jpg", created.jobId())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(sixtyMb)
                .body(BodyInserters.fromDataBuffers(jpegOfSize(sixtyMb, sent)))
                .exchange(),
            413);
    assertThat(problem.path("limit").asLong()).isEqualTo(50L * 1024 * 1024);
    assertThat(problem.path("detail").asText()).contains("52428800");
    assertThat(sent[0]).as("bytes the client got to send").isLessThan(10L * 1024 * 1024);
    assertThat(
            blobStore.exists(BlobContainer.UPLOADS, BlobNames.upload(created.jobId(), "big.jpg")))
        .isFalse();
  }

  @Test
  void aStreamedUploadIsCutOffAtTheLimitAndNothingIsStored() {
    CreateJobResponse created = acme.create("big.jpg");
    long sixtyMb = 60L * 1024 * 1024;
    long[] sent = new long[1];
    // No Content-Length: chunked, so only counting while streaming can catch it.
    JsonNode problem =
        problem(
            acme.web()
                .put()
                .uri("/api/v1/jobs/{id}/files/big.jpg", created.jobId())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(BodyInserters.fromDataBuffers(jpegOfSize(sixtyMb, sent)))
                .exchange(),
            413);
    assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:file-too-large");
    assertThat(sent[0]).as("the server stops reading at the limit").isLessThan(sixtyMb);
    assertThat(
            blobStore.exists(BlobContainer.UPLOADS, BlobNames.upload(created.jobId(), "big.jpg")))
        .isFalse();
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(created.jobId())))
        .isEmpty();
  }

  /** A JPEG signature followed by filler, produced lazily 64 KB at a time. */
  static Flux<DataBuffer> jpegOfSize(long size, long[] produced) {
    int chunk = 64 * 1024;
    byte[] first = new byte[chunk];
    byte[] jpeg = TestImages.jpeg();
    System.arraycopy(jpeg, 0, first, 0, 3);
    byte[] filler = new byte[chunk];
    return Flux.range(0, (int) (size / chunk))
        .map(
            i -> {
              produced[0] += chunk;
              return DefaultDataBufferFactory.sharedInstance.wrap(i == 0 ? first : filler);
            });
  }

  @Test
  void a101stFileIsRefusedButReplacingAnUploadedFileIsNot() {
    CreateJobResponse created = acme.create("f0.jpg");
    acme.register(created.jobId(), IntStream.range(1, 100).mapToObj(i -> "f" + i + ".jpg").toList())
        .expectStatus()
        .isCreated();
    JsonNode problem = problem(acme.register(created.jobId(), List.of("f100.jpg")), 400);
    assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:too-many-files");
    assertThat(problem.path("limit").asInt()).isEqualTo(100);
    byte[] jpeg = TestImages.jpeg();
    acme.upload(created.jobId(), "f7.jpg", jpeg).expectStatus().isCreated();
    acme.upload(created.jobId(), "f7.jpg", jpeg).expectStatus().isCreated();
    acme.register(created.jobId(), List.of("f7.jpg")).expectStatus().isCreated(); // again: fine
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(created.jobId())))
        .hasSize(1);
    assertThat(acme.job(created.jobId()).path("imageCount").asInt()).isEqualTo(100);
  }

  @Test
  void anUnregisteredNameCannotBeUploaded() {
    CreateJobResponse created = acme.create("a.jpg");
    JsonNode problem = problem(acme.upload(created.jobId(), "other.jpg", TestImages.jpeg()), 404);
    assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:file-not-registered");
    assertThat(problem.path("detail").asText())
        .contains("register it first with POST /api/v1/jobs/");
    assertThat(
            blobStore.exists(BlobContainer.UPLOADS, BlobNames.upload(created.jobId(), "other.jpg")))
        .isFalse();
  }

  // ---- registration, a page at a time -----------------------------------------------------

  @Test
  void aJobWithoutFilesGetsThemRegisteredInPagesAndListsWhichAreUploaded() {
    JsonNode job =
        acme.web()
            .post()
            .uri("/api/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "season", "shardSize", 4))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    String id = job.path("jobId").asText();
    List<String> first =
        IntStream.range(0, 60).mapToObj(i -> String.format("cam%d/%03d.jpg", i % 3, i)).toList();
    List<String> second =
        IntStream.range(60, 90).mapToObj(i -> String.format("cam%d/%03d.jpg", i % 3, i)).toList();
    CreateJobResponse page1 =
        acme.register(id, first)
            .expectStatus()
            .isCreated()
            .expectBody(CreateJobResponse.class)
            .returnResult()
            .getResponseBody();
    assertThat(page1.uploads()).extracting(CreateJobResponse.UploadTarget::name).isEqualTo(first);
    acme.register(id, second).expectStatus().isCreated();
    assertThat(acme.job(id).path("imageCount").asInt()).isEqualTo(90);
    assertThat(acme.job(id).path("options").path("shardSize").asInt()).isEqualTo(4);

    for (CreateJobResponse.UploadTarget target : page1.uploads().subList(0, 10)) {
      acme.putToTarget(target, TestImages.jpeg()).expectStatus().is2xxSuccessful();
    }

    List<JsonNode> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = acme.files(id, cursor, 25);
      page.path("files").forEach(listed::add);
      assertThat(page.path("registered").asInt()).isEqualTo(90);
      cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(4);
    assertThat(listed).extracting(f -> f.path("name").asText()).hasSize(90).doesNotHaveDuplicates();
    assertThat(listed)
        .filteredOn(f -> f.path("uploaded").asBoolean())
        .extracting(f -> f.path("name").asText())
        .containsExactlyInAnyOrderElementsOf(first.subList(0, 10));

    JsonNode started =
        acme.start(id)
            .expectStatus()
            .isAccepted()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(started.path("imageCount").asInt())
        .as("the manifest: the uploaded files")
        .isEqualTo(10);
    problem(acme.register(id, List.of("late.jpg")), 409);
  }

  @Test
  void aRegistrationIsCheckedAgainstTheFilesRegisteredBefore() {
    CreateJobResponse created = acme.create("cam1/a.jpg", "b.jpg");
    JsonNode problem =
        problem(
            acme.register(
                created.jobId(),
                List.of("ok.jpg", "cam1/a.jpg/x.jpg", "b.jpg/c.jpg", ".hidden.jpg")),
            400);
    assertThat(fields(problem))
        .containsExactlyInAnyOrder("files[1].name", "files[2].name", "files[3].name");
    assertThat(problem.toString())
        .contains("'cam1/a.jpg' is a file and also the folder of 'cam1/a.jpg/x.jpg'");
    assertThat(acme.job(created.jobId()).path("imageCount").asInt())
        .as("nothing registered")
        .isEqualTo(2);
    acme.files("0123456789abcdefghjkmnpqrs", null, 10, 404);
    assertThat(
            problem(
                    acme.web()
                        .get()
                        .uri("/api/v1/jobs/{id}/files?cursor=bogus", created.jobId())
                        .exchange(),
                    400)
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("cursor");
    problem(umbrella.register(created.jobId(), List.of("x.jpg")), 404);
  }

  @Test
  void uploadToAStartedJobIsAConflictNamingItsState() {
    CreateJobResponse created = acme.createWithUploads("a.jpg");
    acme.start(created.jobId()).expectStatus().isAccepted();
    JsonNode problem = problem(acme.upload(created.jobId(), "late.jpg", TestImages.jpeg()), 409);
    assertThat(problem.path("state").asText()).isEqualTo("QUEUED");
    problem(acme.upload("0123456789abcdefghjkmnpqrs", "a.jpg", TestImages.jpeg()), 404);
  }

  // ---- start -----------------------------------------------------------------------------

  @Test
  void startWithoutAnUploadedImageIs422AndTheJobStaysPending() {
    CreateJobResponse created = acme.create("a.jpg");
    JsonNode problem = problem(acme.start(created.jobId()), 422);
    assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:no-images");
    assertThat(acme.job(created.jobId()).path("status").asText()).isEqualTo("PENDING");
    assertThat(messagesFor(created.jobId())).isEmpty();
  }

  @Test
  void startingTwiceIsAConflictWithTheCurrentState() {
    CreateJobResponse created = acme.createWithUploads("a.jpg", "b.jpg");
    acme.start(created.jobId()).expectStatus().isAccepted();
    JsonNode problem = problem(acme.start(created.jobId()), 409);
    assertThat(problem.path("state").asText()).isEqualTo("QUEUED");
    assertThat(problem.path("jobId").asText()).isEqualTo(created.jobId());
    assertThat(messagesFor(created.jobId())).hasSize(1);
  }

  @Test
  void concurrentStartsGiveExactlyOne202OneConflictAndOneMessage() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        CreateJobResponse created = acme.createWithUploads("a.jpg");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    return acme.start(created.jobId()).returnResult(Void.class).getStatus().value();
                  }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
          statuses.add(f.get());
        }
        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        assertThat(messagesFor(created.jobId())).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- read and list ---------------------------------------------------------------------

  @Test
  void unknownAndMalformedJobIdsAre404Problems() {
    JsonNode problem = problem(acme.get("0123456789abcdefghjkmnpqrs"), 404);
    assertThat(problem.path("type").asText()).isEqualTo("urn:biotrack:problem:job-not-found");
    problem(acme.get("not-a-job"), 404);
    problem(acme.start("NOT_A_JOB"), 404);
  }

  @Test
  void listIsNewestFirstWithCursorPagesAndAStatusFilter() {
    String first = acme.create("a.jpg").jobId();
    String second = acme.create("a.jpg").jobId();
    String third = acme.create("a.jpg").jobId();
    acme.cancel(second).expectStatus().isOk();

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      String uri = "/api/v1/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page =
          acme.web()
              .get()
              .uri(uri)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(JsonNode.class)
              .returnResult()
              .getResponseBody();
      assertThat(page.path("jobs").size()).isBetween(1, 2);
      page.path("jobs").forEach(j -> seen.add(j.path("jobId").asText()));
      cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen.indexOf(third)).isLessThan(seen.indexOf(second));
    assertThat(seen.indexOf(second)).isLessThan(seen.indexOf(first));

    JsonNode cancelled =
        acme.web()
            .get()
            .uri("/api/v1/jobs?status=cancelled&limit=100")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(cancelled.path("jobs").findValuesAsText("jobId"))
        .contains(second)
        .doesNotContain(first, third);
    assertThat(cancelled.path("jobs").findValuesAsText("status")).containsOnly("CANCELLED");

    JsonNode others =
        umbrella
            .web()
            .get()
            .uri("/api/v1/jobs?limit=100")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(others.path("jobs").findValuesAsText("jobId")).doesNotContain(first, second, third);
  }

  @Test
  void listRefusesBadParametersFieldByField() {
    JsonNode problem =
        problem(
            acme.web().get().uri("/api/v1/jobs?limit=0&status=DONE&cursor=../x").exchange(), 400);
    assertThat(fields(problem)).containsExactlyInAnyOrder("limit", "status", "cursor");
    assertThat(fields(problem(acme.web().get().uri("/api/v1/jobs?limit=ten").exchange(), 400)))
        .containsExactly("limit");
  }

  // ---- cancel and delete -----------------------------------------------------------------

  @Test
  void cancelMovesAnUnfinishedJobToCancelledAndAFinishedOneIsAConflict() {
    String pending = acme.create("a.jpg").jobId();
    JsonNode cancelled =
        acme.cancel(pending)
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("completedAt").isTextual()).isTrue();
    assertThat(problem(acme.cancel(pending), 409).path("state").asText()).isEqualTo("CANCELLED");

    String processing = acme.createWithUploads("a.jpg").jobId();
    acme.start(processing).expectStatus().isAccepted();
    worker.launch("acme", processing);
    worker.process("acme", processing);
    acme.cancel(processing).expectStatus().isOk();
    assertThat(acme.job(processing).path("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void deleteRemovesAFinishedJobWithItsBlobsAndRefusesAnUnfinishedOne() {
    String id = acme.createWithUploads("a.jpg", "b.jpg").jobId();
    problem(acme.delete(id), 409);
    acme.start(id).expectStatus().isAccepted();
    worker.complete("acme", id);

    acme.delete(id).expectStatus().isNoContent();
    problem(acme.get(id), 404);
    problem(acme.delete(id), 404);
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(id))).isEmpty();
    assertThat(blobStore.list(BlobContainer.RESULTS, BlobNames.jobPrefix(id))).isEmpty();
  }

  // ---- results ---------------------------------------------------------------------------

  /** Issue 17, reuse: only a COMPLETED job of the same tenant, run with the same options. */
  @Test
  void aJobReusesOnlyACompletedJobOfItsTenantRunWithTheSameOptions() {
    String first = acme.createWithUploads("a.jpg").jobId();
    acme.start(first).expectStatus().isAccepted();
    worker.complete("acme", first);
    String pending = acme.create("b.jpg").jobId();

    CreateJobResponse reusing =
        acme.web()
            .post()
            .uri("/api/v1/jobs")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("files", List.of(Map.of("name", "a.jpg")), "previousJobId", first))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(CreateJobResponse.class)
            .returnResult()
            .getResponseBody();
    JsonNode job = acme.job(reusing.jobId());
    assertThat(job.path("options").path("previousJobId").asText()).isEqualTo(first);
    assertThat(job.path("reusedCount").asInt(-1)).isZero();
    assertThat(acme.job(first).has("reusedCount")).as("only for a job that reuses").isFalse();

    JsonNode notDone = problem(createReusing(acme, pending, Map.of()), 409);
    assertThat(notDone.path("detail").asText())
        .contains("PENDING", "COMPLETED", "leave previousJobId out");

    JsonNode otherOptions =
        problem(createReusing(acme, first, Map.of("confidenceThreshold", 0.2)), 400);
    assertThat(fields(otherOptions)).containsExactly("previousJobId");
    assertThat(otherOptions.toString()).contains("confidenceThreshold 0.005", "same ones");

    JsonNode otherTenant = problem(createReusing(umbrella, first, Map.of()), 400);
    assertThat(fields(otherTenant)).containsExactly("previousJobId");
    assertThat(otherTenant.toString()).contains("you have no job " + first);

    JsonNode malformed = problem(createReusing(acme, "../x", Map.of()), 400);
    assertThat(fields(malformed)).containsExactly("previousJobId");
    assertThat(malformed.toString()).doesNotContain("Exception").doesNotContain("at io.");
  }

  private static WebTestClient.ResponseSpec createReusing(
      ApiClient client, String previous, Map<String, Object> options) {
    return client
        .web()
        .post()
        .uri("/api/v1/jobs")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("previousJobId", previous, "options", options))
        .exchange();
  }

  @Test
  void aCompletedJobLinksItsResultsWhichDownloadAsJsonAndCsv() throws Exception {
    String id = acme.createWithUploads("a.jpg").jobId();
    acme.start(id).expectStatus().isAccepted();
    problem(acme.web().get().uri("/api/v1/jobs/{id}/results", id).exchange(), 409);
    byte[] results = worker.complete("acme", id);

    JsonNode job = acme.job(id);
    assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("processedCount").asInt()).isEqualTo(3);
    assertThat(job.path("failedCount").asInt()).isEqualTo(1);
    assertThat(job.path("detectionCount").asInt()).isEqualTo(2);
    URI url = URI.create(job.path("results").path("url").asText());
    Instant expiresAt = Instant.parse(job.path("results").path("expiresAt").asText());
    assertThat(expiresAt).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(16)));

    byte[] viaLink =
        WebTestClient.bindToServer()
            .build()
            .get()
            .uri(url)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(viaLink).isEqualTo(results);

    byte[] viaApi =
        acme.web()
            .get()
            .uri("/api/v1/jobs/{id}/results", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(viaApi).isEqualTo(results);

    String csv =
        acme.web()
            .get()
            .uri("/api/v1/jobs/{id}/results?format=csv", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(csv)
        .isEqualTo(
            "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score\r\n"
                + "cam1/IMG_0001.JPG,animal,0.912,0.1,0.2,0.3,0.4,,,,\r\n"
                + "cam1/IMG_0001.JPG,person,0.25,0.5,0.5,0.125,0.25,,,,\r\n"
                + "\"cam1/empty, \"\"quoted\"\".jpg\",,,,,,,,,,\r\n"
                + "cam2/broken.jpg,,,,,,,image access failure,,,\r\n");
    assertThat(ResultsJson.mapper().readTree(results).path("images").size()).isEqualTo(3);

    assertThat(
            fields(
                problem(
                    acme.web().get().uri("/api/v1/jobs/{id}/results?format=xml", id).exchange(),
                    400)))
        .containsExactly("format");
  }

  // ---- exports by threshold ------------------------------------------------------------

  /**
   * A job in two shards: cam1/a.jpg animal 0.9 + person 0.1, cam1/b.jpg empty, cam2/=c.jpg failed,
   * cam2/d.jpg vehicle 0.3.
   */
  private String completedSeason() {
    String id =
        acme.createWithUploads("cam1/a.jpg", "cam1/b.jpg", "cam2/=c.jpg", "cam2/d.jpg").jobId();
    acme.start(id).expectStatus().isAccepted();
    io.biotrack.results.ResultsInfo info =
        new io.biotrack.results.ResultsInfo("2026-01-01 00:00:00", "1.6", "md", Map.of());
    worker.completeInShards(
        "acme",
        id,
        List.of(
            io.biotrack.results.BatchResults.of(
                List.of(
                    io.biotrack.results.ImageResult.success(
                        "cam1/a.jpg",
                        List.of(
                            new io.biotrack.results.Detection(
                                "1", 0.9, List.of(0.1, 0.1, 0.2, 0.2)),
                            new io.biotrack.results.Detection(
                                "2", 0.1, List.of(0.5, 0.5, 0.1, 0.1)))),
                    io.biotrack.results.ImageResult.success("cam1/b.jpg", List.of())),
                info),
            io.biotrack.results.BatchResults.of(
                List.of(
                    io.biotrack.results.ImageResult.failure("cam2/=c.jpg", "image access failure"),
                    io.biotrack.results.ImageResult.success(
                        "cam2/d.jpg",
                        List.of(
                            new io.biotrack.results.Detection(
                                "3", 0.3, List.of(0.0, 0.0, 1.0, 1.0))))),
                info)));
    return id;
  }

  private WebTestClient.ResponseSpec download(String uri) {
    return acme.web().get().uri(uri).exchange();
  }

  private String text(String uri) {
    return download(uri)
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void exportsFollowTheThresholdAndAreNamedAfterTheJob() throws Exception {
    String id = completedSeason();
    String base = "/api/v1/jobs/" + id;

    download(base + "/results?format=csv&threshold=0.2")
        .expectHeader()
        .valueEquals(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"test job.csv\"; filename*=UTF-8''test%20job.csv");
    assertThat(text(base + "/results?format=csv&threshold=0.2").split("\r\n"))
        .containsExactly(
            "file,category,conf,x,y,w,h,failure,species,species_common_name,species_score",
            "cam1/a.jpg,animal,0.9,0.1,0.1,0.2,0.2,,,,",
            "cam1/b.jpg,,,,,,,,,,",
            "cam2/=c.jpg,,,,,,,image access failure,,,",
            "cam2/d.jpg,vehicle,0.3,0.0,0.0,1.0,1.0,,,,");
    assertThat(text(base + "/results?format=csv").split("\r\n")).hasSize(6); // person 0.1 too

    download(base + "/results?format=images-csv&threshold=0.5")
        .expectHeader()
        .valueEquals(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"test job-images.csv\"; filename*=UTF-8''test%20job-images.csv");
    assertThat(text(base + "/results?format=images-csv&threshold=0.5").split("\r\n"))
        .containsExactly(
            "file,folder,animal_count,animal_max_conf,person_count,person_max_conf,vehicle_count,vehicle_max_conf,failure,prediction,prediction_common_name,prediction_score",
            "cam1/a.jpg,cam1,1,0.9,0,,0,,,,,",
            "cam1/b.jpg,cam1,0,,0,,0,,,,,",
            "cam2/=c.jpg,cam2,,,,,,,image access failure,,,",
            "cam2/d.jpg,cam2,0,,0,,0,,,,,");

    byte[] zip =
        download(base + "/export/folders.zip?threshold=0.05")
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("application/zip")
            .expectHeader()
            .valueEquals(
                HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"test job-folders.zip\";"
                    + " filename*=UTF-8''test%20job-folders.zip")
            .expectBody()
            .returnResult()
            .getResponseBody();
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    assertThat(entries.keySet())
        .containsExactly(
            "animal_person/cam1/a.jpg",
            "empty/cam1/b.jpg",
            "processing_failure/cam2/=c.jpg",
            "vehicle/cam2/d.jpg");
    assertThat(entries.get("empty/cam1/b.jpg")).isEqualTo(TestImages.jpeg());

    assertThat(fields(problem(download(base + "/results?format=csv&threshold=1.5"), 400)))
        .containsExactly("threshold");
    assertThat(fields(problem(download(base + "/results?format=csv&threshold=x"), 400)))
        .containsExactly("threshold");
    assertThat(fields(problem(download(base + "/results?threshold=0.2"), 400)))
        .containsExactly("threshold");
    assertThat(fields(problem(download(base + "/export/folders.zip?threshold=-1"), 400)))
        .containsExactly("threshold");
    problem(umbrella.web().get().uri(base + "/export/folders.zip").exchange(), 404);
    problem(umbrella.web().get().uri(base + "/results?format=images-csv").exchange(), 404);
  }

  @Test
  void theSummaryCountsPerCategoryOverallAndPerFolderWithAHistogramPerCategory() {
    String id = completedSeason();
    JsonNode summary =
        acme.web()
            .get()
            .uri("/api/v1/jobs/{id}/summary?threshold=0.05", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(summary.path("threshold").asDouble()).isEqualTo(0.05);
    JsonNode overall = summary.path("overall");
    assertThat(overall.path("images").asInt()).isEqualTo(4);
    assertThat(overall.path("empty").asInt()).isEqualTo(1);
    assertThat(overall.path("failed").asInt()).isEqualTo(1);
    assertThat(overall.path("categories").path("animal").path("images").asInt()).isEqualTo(1);
    assertThat(overall.path("categories").path("person").path("detections").asInt()).isEqualTo(1);
    assertThat(overall.path("categories").path("vehicle").path("images").asInt()).isEqualTo(1);
    assertThat(summary.path("folders").findValuesAsText("folder")).containsExactly("cam1", "cam2");
    assertThat(summary.path("folders").get(1).path("failed").asInt()).isEqualTo(1);
    assertThat(summary.has("otherFolders")).isFalse();
    assertThat(summary.has("species")).isFalse(); // no classifier: no species counts
    JsonNode animal = summary.path("histograms").path("animal");
    assertThat(animal.path("binWidth").asDouble()).isEqualTo(0.05);
    assertThat(animal.path("counts")).hasSize(20);
    assertThat(animal.path("counts").get(18).asInt()).isEqualTo(1);

    JsonNode atDefault =
        acme.web()
            .get()
            .uri("/api/v1/jobs/{id}/summary", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(atDefault.path("threshold").asDouble()).isEqualTo(0.2);
    assertThat(atDefault.path("overall").path("categories").path("person").path("images").asInt())
        .isZero();
    assertThat(atDefault.path("overall").path("empty").asInt()).isEqualTo(1);

    assertThat(fields(problem(download("/api/v1/jobs/" + id + "/summary?threshold=2"), 400)))
        .containsExactly("threshold");
    problem(umbrella.web().get().uri("/api/v1/jobs/{id}/summary", id).exchange(), 404);
  }

  @Test
  void aBoxRepeatedAtOnePlaceInTwentyPhotosOfAFolderIsFlagged() {
    List<String> names = new ArrayList<>();
    List<io.biotrack.results.ImageResult> images = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      String name = String.format("cam1/IMG_%02d.jpg", i);
      names.add(name);
      images.add(
          io.biotrack.results.ImageResult.success(
              name,
              List.of(
                  new io.biotrack.results.Detection(
                      "1", 0.2 + i * 0.01, List.of(0.3, 0.6, 0.1, 0.05)),
                  new io.biotrack.results.Detection("1", 0.9, List.of(0.04 * i, 0.1, 0.1, 0.1)))));
    }
    String id = acme.createWithUploads(names.toArray(String[]::new)).jobId();
    problem(download("/api/v1/jobs/" + id + "/repeats"), 409);
    acme.start(id).expectStatus().isAccepted();
    worker.completeInShards(
        "acme",
        id,
        List.of(
            io.biotrack.results.BatchResults.of(
                images,
                new io.biotrack.results.ResultsInfo(
                    "2026-01-01 00:00:00", "1.6", "md", Map.of()))));

    JsonNode repeats =
        acme.web()
            .get()
            .uri("/api/v1/jobs/{id}/repeats", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(repeats.path("options").path("occurrences").asInt()).isEqualTo(20);
    assertThat(repeats.path("locations")).hasSize(1);
    JsonNode rock = repeats.path("locations").get(0);
    assertThat(rock.path("folder").asText()).isEqualTo("cam1");
    assertThat(rock.path("category").asText()).isEqualTo("animal");
    assertThat(rock.path("photos").asInt()).isEqualTo(21);
    assertThat(rock.path("bbox").toString()).isEqualTo("[0.3,0.6,0.1,0.05]");
    assertThat(rock.path("sampleFiles").get(0).asText()).isEqualTo("cam1/IMG_00.jpg");
    assertThat(rock.path("id").asText()).matches("[0-9a-f]{16}");
    assertThat(rock.path("decision").isNull()).isTrue();
    problem(umbrella.web().get().uri("/api/v1/jobs/{id}/repeats", id).exchange(), 404);
  }

  @Test
  void aConfirmedRepeatGroupIsLeftOutOfTheExportsAndARejectedOneIsKept() {
    List<String> names = new ArrayList<>();
    List<io.biotrack.results.ImageResult> images = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      String name = String.format("cam1/IMG_%02d.jpg", i);
      names.add(name);
      images.add(
          io.biotrack.results.ImageResult.success(
              name,
              List.of(
                  new io.biotrack.results.Detection(
                      "1", 0.2 + i * 0.01, List.of(0.3, 0.6, 0.1, 0.05)),
                  new io.biotrack.results.Detection("1", 0.9, List.of(0.04 * i, 0.1, 0.1, 0.1)))));
    }
    String id = acme.createWithUploads(names.toArray(String[]::new)).jobId();
    String base = "/api/v1/jobs/" + id;
    problem(decide(acme, id, "0123456789abcdef", "{\"decision\":\"confirmed\"}"), 409);
    acme.start(id).expectStatus().isAccepted();
    worker.completeInShards(
        "acme",
        id,
        List.of(
            io.biotrack.results.BatchResults.of(
                images,
                new io.biotrack.results.ResultsInfo(
                    "2026-01-01 00:00:00", "1.6", "md", Map.of()))));
    String json = text(base + "/results");
    assertThat(text(base + "/results?format=csv").split("\r\n")).hasSize(1 + 42);
    String group =
        acme.web()
            .get()
            .uri(base + "/repeats")
            .exchange()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody()
            .path("locations")
            .get(0)
            .path("id")
            .asText();

    JsonNode unknown =
        problem(decide(acme, id, "0123456789abcdef", "{\"decision\":\"confirmed\"}"), 404);
    assertThat(unknown.path("type").asText())
        .isEqualTo("urn:biotrack:problem:repeat-group-not-found");
    assertThat(unknown.path("detail").asText()).contains("/repeats");
    assertThat(fields(problem(decide(acme, id, group, "{\"decision\":\"maybe\"}"), 400)))
        .containsExactly("decision");
    assertThat(fields(problem(decide(acme, id, group, "{}"), 400))).containsExactly("decision");
    problem(decide(umbrella, id, group, "{\"decision\":\"confirmed\"}"), 404);

    JsonNode confirmed =
        decide(acme, id, group, "{\"decision\":\"confirmed\"}")
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(confirmed.path("id").asText()).isEqualTo(group);
    assertThat(confirmed.path("decision").asText()).isEqualTo("confirmed");
    assertThat(text(base + "/repeats")).contains("\"decision\":\"confirmed\"");

    String[] csv = text(base + "/results?format=csv").split("\r\n");
    assertThat(csv).hasSize(1 + 21); // the animal moving about stays
    assertThat(String.join("\n", csv)).doesNotContain("0.3,0.6,0.1,0.05");
    assertThat(text(base + "/results?format=images-csv")).contains("cam1/IMG_05.jpg,cam1,1,0.9");
    assertThat(
            text(base + "/summary")
                .replaceAll("\\s", "")
                .contains("\"animal\":{\"images\":21,\"detections\":21}"))
        .isTrue();
    assertThat(text(base + "/results")).as("the JSON stays whole").isEqualTo(json);

    decide(acme, id, group, "{\"decision\":\"rejected\"}").expectStatus().isOk();
    assertThat(text(base + "/results?format=csv").split("\r\n")).hasSize(1 + 42);
  }

  private static WebTestClient.ResponseSpec decide(
      ApiClient client, String id, String group, String body) {
    return client
        .web()
        .put()
        .uri("/api/v1/jobs/{id}/repeats/{group}", id, group)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Test
  void exportsOfAJobThatHasNotCompletedAre409() {
    String id = acme.createWithUploads("a.jpg").jobId();
    problem(download("/api/v1/jobs/" + id + "/export/folders.zip"), 409);
    problem(download("/api/v1/jobs/" + id + "/results?format=images-csv"), 409);
    problem(download("/api/v1/jobs/" + id + "/summary"), 409);
  }

  // ---- tenants and keys ------------------------------------------------------------------

  @Test
  void requestsWithoutAValidKeyAre401Problems() {
    JsonNode missing = problem(web.get().uri("/api/v1/jobs").exchange(), 401);
    assertThat(missing.path("detail").asText()).contains("API key is required");
    web.get().uri("/api/v1/jobs").exchange().expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE);
    problem(
        web.get().uri("/api/v1/jobs").header(HttpHeaders.AUTHORIZATION, "Bearer wrong").exchange(),
        401);
    problem(
        web.get()
            .uri("/api/v1/jobs")
            .header(HttpHeaders.AUTHORIZATION, "Basic YWNtZTprZXk=")
            .exchange(),
        401);
    problem(web.get().uri("/api/v1/jobs").header("X-Api-Key", ACME_KEY + "x").exchange(), 401);
    web.get().uri("/api/v1/jobs").header("X-Api-Key", ACME_KEY).exchange().expectStatus().isOk();
    problem(
        web.put()
            .uri("/api/v1/jobs/0123456789abcdefghjkmnpqrs/files/a.jpg")
            .bodyValue(TestImages.jpeg())
            .exchange(),
        401);
  }

  @Test
  void anotherTenantsJobIsNotFoundForEveryOperation() {
    String id = acme.createWithUploads("a.jpg").jobId();
    problem(umbrella.get(id), 404);
    problem(umbrella.start(id), 404);
    problem(umbrella.cancel(id), 404);
    problem(umbrella.delete(id), 404);
    problem(umbrella.upload(id, "b.jpg", TestImages.jpeg()), 404);
    problem(umbrella.web().get().uri("/api/v1/jobs/{id}/results", id).exchange(), 404);
    assertThat(acme.job(id).path("status").asText()).isEqualTo("PENDING");
  }

  // ---- thumbnails (issue 17) ---------------------------------------------------------------

  private WebTestClient.ResponseSpec thumbnail(ApiClient client, String jobId, String file) {
    return client.web().get().uri("/api/v1/jobs/" + jobId + "/thumbnails/" + file).exchange();
  }

  private static java.awt.image.BufferedImage decoded(byte[] jpeg) throws Exception {
    return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
  }

  @Test
  void aPhotosThumbnailIsTheWorkersOrMadeFromTheOriginalAndCachedForGood() throws Exception {
    String id = acme.create("cam1/a.jpg", "cam1/big.jpg").jobId();
    acme.upload(id, "cam1/a.jpg", TestImages.jpeg()).expectStatus().isCreated();
    acme.upload(id, "cam1/big.jpg", TestImages.jpeg(1200, 900)).expectStatus().isCreated();
    acme.start(id).expectStatus().isAccepted();
    byte[] written = TestImages.jpeg(320, 240);
    blobStore.put(BlobContainer.RESULTS, BlobNames.thumbnail(id, "cam1/a.jpg"), written);

    // The worker's thumbnail, as it wrote it; immutable: the URL names the job, whose photos are
    // frozen once it started.
    byte[] served =
        thumbnail(acme, id, "cam1/a.jpg")
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.IMAGE_JPEG)
            .expectHeader()
            .cacheControl(
                org.springframework.http.CacheControl.maxAge(Duration.ofDays(365))
                    .cachePrivate()
                    .immutable())
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(served).isEqualTo(written);

    // None written (a reused photo, a job from before thumbnails): made from the original, kept.
    byte[] made =
        thumbnail(acme, id, "cam1/big.jpg")
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.IMAGE_JPEG)
            .expectBody()
            .returnResult()
            .getResponseBody();
    assertThat(decoded(made).getWidth() + "x" + decoded(made).getHeight()).isEqualTo("320x240");
    assertThat(blobStore.exists(BlobContainer.RESULTS, BlobNames.thumbnail(id, "cam1/big.jpg")))
        .isTrue();

    JsonNode notInJob = problem(thumbnail(acme, id, "cam1/other.jpg"), 404);
    assertThat(notInJob.path("detail").asText()).contains("cam1/other.jpg");
    problem(thumbnail(umbrella, id, "cam1/a.jpg"), 404);
    problem(thumbnail(acme, "0123456789abcdefghjkmnpqrs", "cam1/a.jpg"), 404);
  }

  @Test
  void aPendingJobsThumbnailIsMadeButNotKeptAndAnUndecodablePhotoGetsAPlaceholder() {
    String id = acme.create("a.jpg", "cut.jpg").jobId();
    acme.upload(id, "a.jpg", TestImages.jpeg()).expectStatus().isCreated();
    byte[] cut = java.util.Arrays.copyOf(TestImages.jpeg(), 40); // a JPEG's start, no pixels
    acme.upload(id, "cut.jpg", cut).expectStatus().isCreated();

    thumbnail(acme, id, "a.jpg")
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_JPEG)
        .expectHeader()
        .cacheControl(
            org.springframework.http.CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate());
    assertThat(blobStore.exists(BlobContainer.RESULTS, BlobNames.thumbnail(id, "a.jpg")))
        .as("the photo may still be replaced before the start")
        .isFalse();
    String placeholder =
        thumbnail(acme, id, "cut.jpg")
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("image/svg+xml")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(placeholder).contains("No preview");
  }

  // ---- helpers ---------------------------------------------------------------------------

  protected URI raw(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  /**
   * The messages sent for one job: drains every visible message (hiding them for a while) and keeps
   * that job's. Each test looks at its own job once.
   */
  protected List<JobMessage> messagesFor(String jobId) {
    List<JobMessage> found = new ArrayList<>();
    List<QueuedMessage> batch;
    do {
      batch = jobQueue.fetch(32, Duration.ofMinutes(10));
      for (QueuedMessage m : batch) {
        JobMessage message = m.jobMessage();
        if (message.jobId().equals(jobId)) {
          found.add(message);
        }
      }
    } while (!batch.isEmpty());
    return found;
  }

  // ---- one definition of an image; the manifest a start freezes ----------------------------

  @Test
  void namesMegaDetectorWouldNotReadAreRefusedWithTheReason() {
    // The review's case: IMG_0002 and .hidden.jpg were accepted, then silently not processed.
    JsonNode problem =
        problem(
            acme.web()
                .post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    ApiClient.jobRequest(
                        "a.jpg", "IMG_0002", ".hidden.jpg", "cam/.thumbs/x.jpg", "b.JPEG"))
                .exchange(),
            400);
    assertThat(fields(problem)).containsExactly("files[1].name", "files[2].name", "files[3].name");
    assertThat(problem.path("errors").get(0).path("detail").asText())
        .contains("not named as an image");
    assertThat(problem.path("errors").get(1).path("detail").asText()).contains("starting with '.'");

    CreateJobResponse created = acme.create("a.jpg");
    JsonNode upload = problem(acme.upload(created.jobId(), "IMG_0002", TestImages.jpeg()), 400);
    assertThat(upload.path("detail").asText())
        .contains("IMG_0002")
        .contains("not named as an image");
    problem(acme.upload(created.jobId(), ".hidden.jpg", TestImages.jpeg()), 400);
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(created.jobId())))
        .isEmpty();
  }

  @Test
  void imagesOfAFormatBiotrackDoesNotReadAreRefusedByNameBeforeTheirUpload() {
    // GIF, AVIF and WebP are images to MegaDetector, but no upload of them is accepted (their bytes
    // are neither JPEG, PNG, TIFF nor BMP): registering them must say so, not their upload.
    JsonNode problem =
        problem(
            acme.web()
                .post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    ApiClient.jobRequest("a.jpg", "cam1/b.GIF", "c.avif", "d.tiff", "e.webp"))
                .exchange(),
            400);
    assertThat(fields(problem)).containsExactly("files[1].name", "files[2].name", "files[4].name");
    assertThat(problem.path("errors").get(0).path("detail").asText())
        .contains("GIF file, which Biotrack does not read")
        .contains("convert it to JPEG or PNG");

    CreateJobResponse created = acme.create("a.jpg");
    JsonNode registration = problem(acme.register(created.jobId(), List.of("x.gif")), 400);
    assertThat(registration.toString()).contains("GIF file");
  }

  @Test
  void startFreezesEveryAcceptedUploadAsTheJobsManifest() {
    CreateJobResponse created = acme.createWithUploads("b.png", "cam1/a.jpg", "a.jpg");
    JsonNode started =
        acme.start(created.jobId())
            .expectStatus()
            .isAccepted()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(started.path("imageCount").asInt()).isEqualTo(3);

    Job job = jobStore.get("acme", created.jobId());
    Manifest manifest = new ManifestStore(blobStore).get(job.id(), job.manifestId());
    List<ManifestEntry> entries = new ArrayList<>();
    new ManifestStore(blobStore).read(manifest).forEachRemaining(entries::add);
    assertThat(entries)
        .extracting(ManifestEntry::file)
        .containsExactly("a.jpg", "b.png", "cam1/a.jpg");
    assertThat(entries).allSatisfy(e -> assertThat(e.size()).isEqualTo(TestImages.jpeg().length));
  }

  @Test
  void aStartWaitsForAnUploadInProgressAndIncludesIt() throws Exception {
    CreateJobResponse created = acme.createWithUploads("a.jpg");
    acme.register(created.jobId(), List.of("late.jpg")).expectStatus().isCreated();
    SlowUpload late = SlowUpload.begin(acme, created.jobId(), "late.jpg");
    await().until(() -> uploadGate.openUploads(created.jobId()) == 1);
    Future<JsonNode> start =
        background.submit(
            () ->
                acme.start(created.jobId())
                    .expectStatus()
                    .isAccepted()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody());
    await().until(() -> uploadGate.waitingStarts(created.jobId()) == 1);
    assertThat(start.isDone()).isFalse();
    late.finish().expectStatus().isCreated();
    assertThat(start.get(30, TimeUnit.SECONDS).path("imageCount").asInt()).isEqualTo(2);
  }

  @Test
  void aStartRefusesWhileAnUploadStaysOpenAndTheUploadStillCounts() throws Exception {
    // The review's case: start answered 202 two seconds into a slow upload, and the upload,
    // stored afterwards, was never processed.
    CreateJobResponse created = acme.createWithUploads("a.jpg");
    acme.register(created.jobId(), List.of("late.jpg")).expectStatus().isCreated();
    SlowUpload late = SlowUpload.begin(acme, created.jobId(), "late.jpg");
    await().until(() -> uploadGate.openUploads(created.jobId()) == 1);
    JsonNode refused = problem(acme.start(created.jobId()), 409);
    assertThat(refused.path("detail").asText())
        .contains("1 upload is still in progress (late.jpg)")
        .contains("start the job once every upload has finished");
    assertThat(acme.job(created.jobId()).path("status").asText()).isEqualTo("PENDING");

    late.finish().expectStatus().isCreated();
    acme.start(created.jobId()).expectStatus().isAccepted();
    assertThat(acme.job(created.jobId()).path("imageCount").asInt()).isEqualTo(2);
  }

  @Test
  void anUploadAfterTheStartIsRefusedAndLeavesNothing() {
    CreateJobResponse created = acme.createWithUploads("a.jpg");
    acme.start(created.jobId()).expectStatus().isAccepted();
    JsonNode refused = problem(acme.upload(created.jobId(), "late.jpg", TestImages.jpeg()), 409);
    assertThat(refused.path("state").asText()).isEqualTo("QUEUED");
    assertThat(
            blobStore.exists(BlobContainer.UPLOADS, BlobNames.upload(created.jobId(), "late.jpg")))
        .isFalse();
    // A replacement of a frozen file is refused the same way and leaves the frozen version.
    problem(acme.upload(created.jobId(), "a.jpg", TestImages.png()), 409);
    Job job = jobStore.get("acme", created.jobId());
    ManifestStore manifests = new ManifestStore(blobStore);
    String frozen =
        manifests.lookup(manifests.get(job.id(), job.manifestId()), "a.jpg").orElseThrow().etag();
    assertThat(blobStore.list(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "a.jpg")))
        .singleElement()
        .satisfies(blob -> assertThat(blob.etag()).isEqualTo(frozen));
  }

  @Test
  void aCancelDuringASlowUploadLeavesNoOrphan() throws Exception {
    CreateJobResponse created = acme.createWithUploads("a.jpg");
    acme.register(created.jobId(), List.of("late.jpg")).expectStatus().isCreated();
    SlowUpload late = SlowUpload.begin(acme, created.jobId(), "late.jpg");
    await().until(() -> uploadGate.openUploads(created.jobId()) == 1);
    acme.cancel(created.jobId()).expectStatus().isOk();
    JsonNode refused = problem(late.finish(), 409);
    assertThat(refused.path("state").asText()).isEqualTo("CANCELLED");
    assertThat(
            blobStore.exists(BlobContainer.UPLOADS, BlobNames.upload(created.jobId(), "late.jpg")))
        .isFalse();
  }

  @Autowired protected UploadGate uploadGate;
  private final ExecutorService background = Executors.newCachedThreadPool();

  /** An upload whose body stops after its first bytes until {@link #finish} sends the rest. */
  static final class SlowUpload {
    private final Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
    private Future<WebTestClient.ResponseSpec> response;

    static SlowUpload begin(ApiClient client, String jobId, String file) {
      SlowUpload upload = new SlowUpload();
      byte[] jpeg = TestImages.jpeg();
      upload.body.tryEmitNext(
          DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOf(jpeg, 16)));
      upload.response =
          Executors.newSingleThreadExecutor()
              .submit(
                  () ->
                      client
                          .web()
                          .put()
                          .uri("/api/v1/jobs/{id}/files/" + file, jobId)
                          .contentType(MediaType.APPLICATION_OCTET_STREAM)
                          .body(BodyInserters.fromDataBuffers(upload.body.asFlux()))
                          .exchange());
      upload.rest = java.util.Arrays.copyOfRange(jpeg, 16, jpeg.length);
      return upload;
    }

    private byte[] rest;

    WebTestClient.ResponseSpec finish() throws Exception {
      body.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(rest));
      body.tryEmitComplete();
      return response.get(30, TimeUnit.SECONDS);
    }
  }

  // ---- images, a page at a time ------------------------------------------------------------

  @Test
  void aCompletedJobsImagesComeInPagesAcrossShardsFiltered() {
    CreateJobResponse created = acme.createWithUploads("a.jpg", "b.jpg", "c.jpg", "d.jpg");
    acme.start(created.jobId()).expectStatus().isAccepted();
    problem(acme.web().get().uri("/api/v1/jobs/{id}/images", created.jobId()).exchange(), 409);
    io.biotrack.results.ResultsInfo info =
        new io.biotrack.results.ResultsInfo("2026-01-01 00:00:00", "1.6", "md", Map.of());
    worker.completeInShards(
        "acme",
        created.jobId(),
        List.of(
            io.biotrack.results.BatchResults.of(
                List.of(
                    io.biotrack.results.ImageResult.success(
                        "a.jpg",
                        List.of(
                            new io.biotrack.results.Detection(
                                "1", 0.9, List.of(0.1, 0.1, 0.2, 0.2)),
                            new io.biotrack.results.Detection(
                                "2", 0.1, List.of(0.5, 0.5, 0.1, 0.1)))),
                    io.biotrack.results.ImageResult.success("b.jpg", List.of())),
                info),
            io.biotrack.results.BatchResults.of(
                List.of(
                    io.biotrack.results.ImageResult.failure("c.jpg", "image access failure"),
                    io.biotrack.results.ImageResult.success(
                        "d.jpg",
                        List.of(
                            new io.biotrack.results.Detection(
                                "3", 0.3, List.of(0.0, 0.0, 1.0, 1.0))))),
                info)));

    JsonNode first = images(created.jobId(), "limit=3");
    assertThat(first.path("images").findValuesAsText("file"))
        .containsExactly("a.jpg", "b.jpg", "c.jpg");
    JsonNode second =
        images(created.jobId(), "limit=3&cursor=" + first.path("nextCursor").asText());
    assertThat(second.path("images").findValuesAsText("file")).containsExactly("d.jpg");
    assertThat(second.has("nextCursor")).isFalse();

    JsonNode animals = images(created.jobId(), "category=animal&minConf=0.5");
    assertThat(animals.path("images").findValuesAsText("file")).containsExactly("a.jpg");
    assertThat(animals.path("images").get(0).path("detections")).hasSize(1);
    assertThat(
            images(created.jobId(), "category=empty&minConf=0.5")
                .path("images")
                .findValuesAsText("file"))
        .containsExactly("b.jpg", "d.jpg");
    assertThat(
            images(created.jobId(), "category=person&minConf=0.05")
                .path("images")
                .findValuesAsText("file"))
        .containsExactly("a.jpg");
    assertThat(images(created.jobId(), "category=failed").path("images").findValuesAsText("file"))
        .containsExactly("c.jpg");
    assertThat(
            images(created.jobId(), "category=vehicle,failed&minConf=0.2")
                .path("images")
                .findValuesAsText("file"))
        .containsExactly("c.jpg", "d.jpg");
    assertThat(
            fields(
                problem(
                    acme.web()
                        .get()
                        .uri("/api/v1/jobs/" + created.jobId() + "/images?category=dog")
                        .exchange(),
                    400)))
        .containsExactly("category");
    assertThat(
            fields(
                problem(
                    acme.web()
                        .get()
                        .uri("/api/v1/jobs/" + created.jobId() + "/images?cursor=9.9")
                        .exchange(),
                    400)))
        .containsExactly("cursor");
    problem(umbrella.web().get().uri("/api/v1/jobs/{id}/images", created.jobId()).exchange(), 404);
  }

  @Test
  void aClassifiedJobsSpeciesShowInItsImagePagesCsvsAndSummary() {
    CreateJobResponse created = acme.createWithUploads("cam1/a.jpg", "cam1/b.jpg");
    acme.start(created.jobId()).expectStatus().isAccepted();
    io.biotrack.results.ResultsInfo info =
        new io.biotrack.results.ResultsInfo("2026-01-01 00:00:00", "1.6", "md", Map.of());
    io.biotrack.results.ImageResult a =
        io.biotrack.results.ImageResult.success(
            "cam1/a.jpg",
            List.of(
                new io.biotrack.results.Detection("1", 0.9, List.of(0.1, 0.1, 0.2, 0.2))
                    .withClassifications(List.of(new io.biotrack.results.ClassScore("5", 0.912)))));
    a =
        a.withSpecies(
            a.detections(), new io.biotrack.results.SpeciesPrediction("5", 0.912, "classifier"));
    worker.completeInShards(
        "acme",
        created.jobId(),
        List.of(
            io.biotrack.results.BatchResults.of(
                    List.of(a, io.biotrack.results.ImageResult.success("cam1/b.jpg", List.of())),
                    info)
                .withClassificationCategories(
                    Map.of("5", "red fox"),
                    Map.of("5", "u5;mammalia;carnivora;canidae;vulpes;vulpes;red fox"))));
    String id = created.jobId();

    JsonNode page = images(id, "minConf=0.5");
    assertThat(page.path("classificationCategories").path("5").asText()).isEqualTo("red fox");
    JsonNode first = page.path("images").get(0);
    assertThat(first.path("prediction").asText()).isEqualTo("5");
    assertThat(first.path("detections").get(0).path("classifications").get(0).get(0).asText())
        .isEqualTo("5");

    assertThat(text("/api/v1/jobs/" + id + "/results?format=csv&threshold=0.5").split("\r\n"))
        .contains(
            "cam1/a.jpg,animal,0.9,0.1,0.1,0.2,0.2,,u5;mammalia;carnivora;canidae;vulpes;vulpes;red"
                + " fox,red fox,0.912");
    assertThat(
            text("/api/v1/jobs/" + id + "/results?format=images-csv&threshold=0.5").split("\r\n"))
        .contains(
            "cam1/a.jpg,cam1,1,0.9,0,,0,,,u5;mammalia;carnivora;canidae;vulpes;vulpes;red fox,red"
                + " fox,0.912");

    JsonNode summary =
        acme.web()
            .get()
            .uri("/api/v1/jobs/{id}/summary?threshold=0.5", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
    assertThat(summary.path("species")).hasSize(1);
    assertThat(summary.path("species").get(0).path("name").asText()).isEqualTo("red fox");
    assertThat(summary.path("species").get(0).path("images").asLong()).isEqualTo(1);
    assertThat(summary.path("speciesBelowThreshold").asLong()).isZero();
  }

  private JsonNode images(String jobId, String query) {
    return acme.web()
        .get()
        .uri("/api/v1/jobs/" + jobId + "/images?" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(JsonNode.class)
        .returnResult()
        .getResponseBody();
  }
}
