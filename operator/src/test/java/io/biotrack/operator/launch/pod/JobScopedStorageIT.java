package io.biotrack.operator.launch.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.InvalidStorageSettingsException;
import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.azure.AzureStorageClients;
import io.biotrack.adapter.azure.JobAccess;
import io.biotrack.job.Job;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.testing.Azurite;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A virtual-node worker's storage, end to end on Azurite: the operator's real credential code
 * issues {@code BIOTRACK_JOB_ACCESS}, and the worker's adapters built from that environment alone
 * (no connection string, no identity) do what the worker's job mode does. Azurite does not check
 * a SAS's scope, so the scope is asserted twice: the adapters refuse what the tokens do not
 * grant, and the tokens say what they grant.
 */
class JobScopedStorageIT {
  static final String TENANT = "acme";

  StorageSettings settings;
  StorageAdapters operatorStorage;
  Job job;
  Job other;
  Map<String, String> workerEnv;

  @BeforeEach
  void issueCredentials() {
    settings = Azurite.settings();
    operatorStorage = StorageAdapters.open(settings);
    JobStore jobs = operatorStorage.jobStore();
    JobIds ids = JobIds.system();
    Instant now = Instant.now();
    Job created = jobs.create(Job.newPending(ids.next(), TENANT, "n", 2, JobOptions.DEFAULTS, now));
    Job queued = jobs.compareAndSet(created, created.moveTo(JobStatus.QUEUED, null, now));
    job = jobs.compareAndSet(queued, queued.moveTo(JobStatus.LAUNCHING, null, now).withAttempt(1));
    other = jobs.create(Job.newPending(ids.next(), TENANT, "n", 1, JobOptions.DEFAULTS, now));
    BlobStore blobs = operatorStorage.blobStore();
    blobs.put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "a.jpg"), bytes("A"));
    blobs.put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam 2/b.jpg"), bytes("BB"));
    blobs.put(BlobContainer.UPLOADS, BlobNames.upload(other.id(), "c.jpg"), bytes("C"));

    JobScopedCredentials credentials =
        new JobScopedCredentials(
            blobs,
            operatorStorage.urlSigner(),
            new TableRowSigner(AzureStorageClients.of(settings).tables(), settings.table(), Clock.systemUTC()),
            Duration.ofHours(2),
            Clock.systemUTC());
    Map<String, String> secret =
        credentials.issue(new LaunchRequest(job.id(), TENANT, 1, WorkerResources.DEFAULT, "m"));

    // What the Pod gets: the operator's storage variables for workers (names, no keys) and the
    // Secret's one variable.
    workerEnv = new HashMap<>();
    workerEnv.put(StorageSettings.STORAGE, "azure");
    workerEnv.put(StorageSettings.TABLE, settings.table());
    workerEnv.put(StorageSettings.UPLOADS_CONTAINER, settings.uploadsContainer());
    workerEnv.put(StorageSettings.RESULTS_CONTAINER, settings.resultsContainer());
    workerEnv.put(StorageSettings.QUEUE, settings.queue());
    workerEnv.putAll(secret);
  }

  @AfterEach
  void close() {
    operatorStorage.close();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String read(InputStream in) throws Exception {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aWorkerRunsItsJobThroughTheJobScopedAdapters() throws Exception {
    StorageSettings workerSettings = StorageSettings.fromEnvironment(workerEnv::get);
    assertThat(workerSettings.jobScoped()).isTrue();
    Clock clock = Clock.systemUTC();

    try (StorageAdapters worker = StorageAdapters.open(workerSettings)) {
      JobStore jobs = worker.jobStore();
      BlobStore blobs = worker.blobStore();

      // LAUNCHING -> PROCESSING by compare-and-set, as run-job starts.
      Job launching = jobs.find(TENANT, job.id()).orElseThrow();
      assertThat(launching.status()).isEqualTo(JobStatus.LAUNCHING);
      Job processing = jobs.compareAndSet(launching, launching.moveTo(JobStatus.PROCESSING, null, clock.instant()));

      // Its uploads: listed (from the document), then read one by one.
      assertThat(blobs.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job.id())))
          .extracting(BlobInfo::name, BlobInfo::size)
          .containsExactly(
              tuple(BlobNames.upload(job.id(), "a.jpg"), 1L),
              tuple(BlobNames.upload(job.id(), "cam 2/b.jpg"), 2L));
      assertThat(read(blobs.open(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "a.jpg")))).isEqualTo("A");
      assertThat(read(blobs.open(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam 2/b.jpg")))).isEqualTo("BB");

      // Checkpoint: none yet, then written and read back (a retried attempt resumes from it).
      String checkpoint = BlobNames.checkpoint(job.id());
      assertThat(blobs.exists(BlobContainer.RESULTS, checkpoint)).isFalse();
      blobs.put(BlobContainer.RESULTS, checkpoint, bytes("{\"done\":1}"));
      assertThat(blobs.exists(BlobContainer.RESULTS, checkpoint)).isTrue();
      assertThat(read(blobs.open(BlobContainer.RESULTS, checkpoint))).isEqualTo("{\"done\":1}");

      Job progressed = jobs.updateProgress(TENANT, job.id(), new JobCounts(2, 1, 0, 3), clock);
      assertThat(progressed.counts().processedCount()).isEqualTo(1);

      blobs.put(BlobContainer.RESULTS, BlobNames.results(job.id()), bytes("{\"images\":[]}"));
      Job current = jobs.get(TENANT, job.id());
      jobs.compareAndSet(
          current,
          current.withCounts(new JobCounts(2, 2, 0, 5), clock.instant())
              .moveTo(JobStatus.COMPLETED, null, clock.instant()));
      assertThat(blobs.deletePrefix(BlobContainer.RESULTS, checkpoint)).isZero(); // no delete grant
      assertThat(processing.version()).isNotEqualTo(launching.version());
    }

    // The operator (full access) sees what the worker wrote.
    Job done = operatorStorage.jobStore().get(TENANT, job.id());
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.counts()).isEqualTo(new JobCounts(2, 2, 0, 5));
    assertThat(read(operatorStorage.blobStore().open(BlobContainer.RESULTS, BlobNames.results(job.id()))))
        .isEqualTo("{\"images\":[]}");
    assertThat(operatorStorage.jobStore().get(TENANT, other.id())).isEqualTo(other);
  }

  @Test
  void theAdaptersReachNothingBeyondTheJob() {
    try (StorageAdapters worker = StorageAdapters.open(StorageSettings.fromEnvironment(workerEnv::get))) {
      JobStore jobs = worker.jobStore();
      BlobStore blobs = worker.blobStore();

      assertThat(jobs.find(TENANT, other.id())).isEmpty();
      assertThat(jobs.findById(other.id())).isEmpty();
      assertThat(jobs.findById(job.id())).isPresent();
      assertThatThrownBy(() -> jobs.compareAndSet(other, other.moveTo(JobStatus.CANCELLED, null, Instant.now())))
          .isInstanceOf(JobNotFoundException.class);
      assertThatThrownBy(() -> jobs.list(TENANT, JobQuery.firstPage(10)))
          .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining(job.id());
      assertThatThrownBy(() -> jobs.listByStatus(JobStatus.QUEUED, null, 10, null))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> jobs.create(Job.newPending(JobIds.system().next(), TENANT, "x", 1, JobOptions.DEFAULTS, Instant.now())))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> jobs.delete(TENANT, job.id())).isInstanceOf(UnsupportedOperationException.class);

      assertThatThrownBy(() -> blobs.open(BlobContainer.UPLOADS, BlobNames.upload(other.id(), "c.jpg")))
          .isInstanceOf(BlobNotFoundException.class);
      assertThat(blobs.exists(BlobContainer.UPLOADS, BlobNames.upload(other.id(), "c.jpg"))).isFalse();
      assertThat(blobs.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(other.id()))).isEmpty();
      assertThatThrownBy(() -> blobs.put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "new.jpg"), bytes("x")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> blobs.put(BlobContainer.RESULTS, BlobNames.results(other.id()), bytes("x")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> blobs.open(BlobContainer.RESULTS, BlobNames.results(job.id())))
          .isInstanceOf(UnsupportedOperationException.class); // results are write-only
      assertThatThrownBy(() -> blobs.list(BlobContainer.RESULTS, BlobNames.jobPrefix(job.id())))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(worker::jobQueue).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(worker::urlSigner).isInstanceOf(IllegalStateException.class);
    }
    assertThat(operatorStorage.blobStore().exists(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "new.jpg"))).isFalse();
  }

  /** Azurite does not enforce a SAS's scope: what each token grants is read from the token. */
  @Test
  void eachTokenGrantsOnlyItsOneBlobOrItsOneRow() {
    String document = workerEnv.get(StorageSettings.JOB_ACCESS);
    assertThat(document).doesNotContain(Azurite.ACCOUNT_KEY).doesNotContain("AccountKey");
    JobAccess access = JobAccess.parse(document);
    assertThat(access.jobId()).isEqualTo(job.id());
    assertThat(access.tenant()).isEqualTo(TENANT);
    assertThat(access.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(110)), Instant.now().plus(Duration.ofHours(2)));

    String uploads = "/" + settings.uploadsContainer() + "/" + job.id() + "/";
    String results = "/" + settings.resultsContainer() + "/" + job.id() + "/";
    access.uploads().forEach((name, upload) -> {
      assertThat(upload.read().getPath()).endsWith(uploads + name);
      assertThat(query(upload.read())).containsEntry("sr", "b").containsEntry("sp", "r");
    });
    assertThat(access.results().read()).isNull();
    assertThat(access.results().write().getPath()).endsWith(results + "results.json");
    assertThat(query(access.results().write())).containsEntry("sr", "b").containsEntry("sp", "cw");
    assertThat(access.checkpoint().read().getPath()).endsWith(results + "checkpoint.json");
    assertThat(query(access.checkpoint().read())).containsEntry("sr", "b").containsEntry("sp", "r");
    assertThat(access.checkpoint().write().getPath()).endsWith(results + "checkpoint.json");
    assertThat(query(access.checkpoint().write())).containsEntry("sr", "b").containsEntry("sp", "cw");

    assertThat(access.tableUrl().getPath()).endsWith("/" + settings.table());
    assertThat(query("?" + access.tableSas()))
        .containsEntry("sp", "ru").containsEntry("tn", settings.table())
        .containsEntry("spk", TENANT).containsEntry("epk", TENANT)
        .containsEntry("srk", job.id()).containsEntry("erk", job.id());
  }

  @Test
  void tokensNeverShowInSettingsOrErrors() {
    String document = workerEnv.get(StorageSettings.JOB_ACCESS);
    String signature = query(JobAccess.parse(document).results().write()).get("sig");
    assertThat(signature).isNotBlank();

    StorageSettings workerSettings = StorageSettings.fromEnvironment(workerEnv::get);
    assertThat(workerSettings.toString()).contains(job.id()).doesNotContain(signature).doesNotContain("sig=");
    assertThat(workerSettings.jobAccess().toString()).doesNotContain(signature);

    // A damaged document: the error names what is wrong, never what the tokens are.
    Map<String, String> damaged = new HashMap<>(workerEnv);
    damaged.put(StorageSettings.JOB_ACCESS, document.replace("\"sas\"", "\"sass\""));
    assertThatThrownBy(() -> StorageSettings.fromEnvironment(damaged::get))
        .isInstanceOf(InvalidStorageSettingsException.class)
        .hasMessageContaining("table.sas is missing")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(signature));
    damaged.put(StorageSettings.JOB_ACCESS, document.substring(0, document.length() / 2));
    assertThatThrownBy(() -> StorageSettings.fromEnvironment(damaged::get))
        .isInstanceOf(InvalidStorageSettingsException.class)
        .hasMessageContaining("BIOTRACK_JOB_ACCESS is not JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(signature).doesNotContain("sig="));

    // Expired credentials: a clear configuration error before any request.
    Clock later = Clock.fixed(JobAccess.parse(document).expiresAt().plusSeconds(1), ZoneOffset.UTC);
    assertThatThrownBy(() -> StorageAdapters.open(workerSettings, later))
        .isInstanceOf(InvalidStorageSettingsException.class)
        .hasMessageContaining("expired");
  }

  private static Map<String, String> query(URI url) {
    return query("?" + url.getRawQuery());
  }

  private static Map<String, String> query(String query) {
    return Arrays.stream(query.substring(query.indexOf('?') + 1).split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(
            pair -> pair[0],
            pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8),
            (a, b) -> a,
            LinkedHashMap::new));
  }
}
