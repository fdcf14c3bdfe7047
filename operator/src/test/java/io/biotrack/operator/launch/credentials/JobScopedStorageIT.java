package io.biotrack.operator.launch.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.azure.JobAccess;
import io.biotrack.config.SettingsException;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerResources;
import io.biotrack.manifest.Manifest;
import io.biotrack.manifest.ManifestEntry;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobChangedException;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote worker's storage, end to end on Azurite: the operator's credential code issues {@code
 * BIOTRACK_JOB_ACCESS} for one shard attempt, and the blob store a worker opens from that
 * environment alone (no connection string, no identity, no endpoint) does what a shard's worker
 * does — and nothing else. Azurite does not check a SAS's scope, so the scope is asserted twice:
 * the store refuses what the document does not grant, and each token says what it grants.
 */
class JobScopedStorageIT {
  static final String TENANT = "acme";

  StorageSettings settings;
  StorageAdapters operatorStorage;
  BlobStore blobs;
  Job job;
  String otherJob;
  JobScopedCredentials credentials;
  Map<String, String> workerEnv;

  @BeforeEach
  void issueCredentialsForShardOne() {
    settings = Azurite.settings();
    operatorStorage = StorageAdapters.open(settings);
    blobs = operatorStorage.blobStore();
    // Six files in shards of two, the manifest in pages of two: shard 1 is page 1 exactly.
    job = started(6, 2, 2);
    otherJob = started(1, 2, 2).id();
    credentials =
        new JobScopedCredentials(
            blobs, operatorStorage.urlSigner(), Duration.ofHours(2), Clock.systemUTC());
    Map<String, String> issued = credentials.issue(request(1, 1));

    // What the worker gets: the launcher's storage variable, and the credentials.
    workerEnv = new HashMap<>();
    workerEnv.put(StorageSettings.STORAGE, "azure");
    workerEnv.putAll(issued);
  }

  Job started(int images, int shardSize, int pageSize) {
    String id = JobIds.system().next();
    for (int i = 0; i < images; i++) {
      blobs.put(
          BlobContainer.UPLOADS,
          BlobNames.upload(id, String.format("cam 1/img-%04d.jpg", i)),
          bytes("image " + i));
    }
    Instant now = Instant.now();
    operatorStorage
        .jobStore()
        .create(
            Job.newPending(
                id, TENANT, "job", images, JobOptions.DEFAULTS.withShardSize(shardSize), now));
    new ManifestStore(blobs, pageSize).freezeUploads(id, "m" + images);
    return operatorStorage
        .jobStore()
        .transition(
            TENANT,
            id,
            JobStatus.PENDING,
            JobStatus.QUEUED,
            null,
            Clock.systemUTC(),
            j -> j.withManifest("m" + images, images, now));
  }

  LaunchRequest request(int shard, int attempt) {
    return new LaunchRequest(
        new ShardTask(job.id(), TENANT, "m6", shard, shard * 2L, 2, attempt, 0.2),
        WorkerResources.DEFAULT,
        "m");
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

  BlobStore workerBlobs() {
    return StorageAdapters.openBlobs(StorageSettings.fromEnvironment(workerEnv::get));
  }

  @Test
  void aWorkerDoesItsShardThroughTheJobScopedStore() throws Exception {
    StorageSettings workerSettings = StorageSettings.fromEnvironment(workerEnv::get);
    assertThat(workerSettings.jobScoped()).isTrue();
    BlobStore worker = StorageAdapters.openBlobs(workerSettings);
    ManifestStore manifests = new ManifestStore(worker);

    // Its range of the manifest, and its files in the versions the manifest froze.
    Manifest seen = manifests.get(job.id(), "m6");
    List<ManifestEntry> entries = new ArrayList<>();
    manifests.read(seen, 2, 2).forEachRemaining(entries::add);
    assertThat(entries)
        .extracting(ManifestEntry::file)
        .containsExactly("cam 1/img-0002.jpg", "cam 1/img-0003.jpg");
    for (ManifestEntry entry : entries) {
      assertThat(
              read(
                  worker.open(
                      BlobContainer.UPLOADS,
                      BlobNames.upload(job.id(), entry.file()),
                      entry.etag())))
          .startsWith("image ");
    }

    // Checkpoint: none yet, then written and read back (a retried attempt resumes from it).
    String checkpoint = ShardNames.checkpoint(job.id(), 1);
    assertThat(worker.exists(BlobContainer.RESULTS, checkpoint)).isFalse();
    worker.put(BlobContainer.RESULTS, checkpoint, bytes("{\"done\":1}"));
    assertThat(read(worker.open(BlobContainer.RESULTS, checkpoint))).isEqualTo("{\"done\":1}");

    worker.put(
        BlobContainer.RESULTS, ShardNames.progress(job.id(), 1), bytes("{\"complete\":false}"));
    worker.put(BlobContainer.RESULTS, ShardNames.results(job.id(), 1), bytes("{\"images\":[]}"));
    assertThat(worker.delete(BlobContainer.RESULTS, checkpoint)).isFalse(); // no delete grant

    // The operator (account-wide) sees what the worker wrote.
    assertThat(read(blobs.open(BlobContainer.RESULTS, ShardNames.results(job.id(), 1))))
        .isEqualTo("{\"images\":[]}");
    assertThat(read(blobs.open(BlobContainer.RESULTS, ShardNames.progress(job.id(), 1))))
        .isEqualTo("{\"complete\":false}");
  }

  @Test
  void aFileReplacedAfterTheStartIsReadInNoOtherVersion() {
    ManifestEntry entry =
        new ManifestStore(blobs).lookup(manifest("m6"), "cam 1/img-0002.jpg").orElseThrow();
    blobs.put(BlobContainer.UPLOADS, BlobNames.upload(job.id(), entry.file()), bytes("replaced"));

    assertThatThrownBy(
            () ->
                workerBlobs()
                    .open(
                        BlobContainer.UPLOADS,
                        BlobNames.upload(job.id(), entry.file()),
                        entry.etag()))
        .isInstanceOf(BlobChangedException.class);
  }

  Manifest manifest(String id) {
    return new ManifestStore(blobs).get(job.id(), id);
  }

  @Test
  void theStoreReachesNothingBeyondItsShard() {
    BlobStore worker = workerBlobs();
    ManifestStore manifests = new ManifestStore(worker);
    Manifest seen = manifests.get(job.id(), "m6");

    // Another shard's manifest pages, files and outputs; another job; listing.
    assertThatThrownBy(() -> manifests.read(seen, 0, 2).next())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () ->
                worker.open(
                    BlobContainer.UPLOADS, BlobNames.upload(job.id(), "cam 1/img-0000.jpg")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "credentials scoped to job "
                + job.id()
                + " shard 1 cannot read uploads/"
                + job.id()
                + "/cam 1/img-0000.jpg");
    assertThatThrownBy(
            () ->
                worker.open(
                    BlobContainer.UPLOADS, BlobNames.upload(otherJob, "cam 1/img-0000.jpg")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () -> worker.put(BlobContainer.RESULTS, ShardNames.checkpoint(job.id(), 0), bytes("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () -> worker.put(BlobContainer.RESULTS, BlobNames.results(job.id()), bytes("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () ->
                worker.put(
                    BlobContainer.UPLOADS, BlobNames.upload(job.id(), "new.jpg"), bytes("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> worker.open(BlobContainer.RESULTS, ShardNames.results(job.id(), 1)))
        .isInstanceOf(UnsupportedOperationException.class); // its results are write-only
    assertThatThrownBy(() -> worker.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(job.id())))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> worker.list(BlobContainer.RESULTS, BlobNames.jobPrefix(job.id())))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> StorageAdapters.open(StorageSettings.fromEnvironment(workerEnv::get)))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("open them with StorageAdapters.openBlobs"); // no job table, no queue
    assertThat(blobs.exists(BlobContainer.UPLOADS, BlobNames.upload(job.id(), "new.jpg")))
        .isFalse();
  }

  /**
   * Issue 17: a worker writes the thumbnail of each photo of its shard, and no other blob under the
   * job's thumbnails, of another shard, of another job, or anywhere new. Each thumbnail's token is
   * create + write on that one blob (Azure's SAS has no prefix scope without a hierarchical
   * namespace).
   */
  @Test
  void aWorkerWritesTheThumbnailsOfItsShardsPhotosAndNothingElse() throws Exception {
    BlobStore worker = workerBlobs();
    for (String photo : List.of("cam 1/img-0002.jpg", "cam 1/img-0003.jpg")) {
      worker.put(BlobContainer.RESULTS, BlobNames.thumbnail(job.id(), photo), bytes("jpeg"));
      assertThat(read(blobs.open(BlobContainer.RESULTS, BlobNames.thumbnail(job.id(), photo))))
          .isEqualTo("jpeg");
    }

    for (String refused :
        List.of(
            BlobNames.thumbnail(job.id(), "cam 1/img-0000.jpg"), // another shard's photo
            BlobNames.thumbnail(job.id(), "cam 1/new.jpg"), // no photo of the job
            BlobNames.thumbnail(otherJob, "cam 1/img-0002.jpg"), // another job's thumbnail
            BlobNames.thumbnails(job.id()) + "cam 1/img-0002.jpg/x", // below a thumbnail
            job.id() + "/cam 1/img-0002.jpg")) { // the same name elsewhere in the job
      assertThatThrownBy(() -> worker.put(BlobContainer.RESULTS, refused, bytes("x")))
          .as(refused)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("cannot write results/" + refused);
      assertThat(blobs.exists(BlobContainer.RESULTS, refused)).as(refused).isFalse();
    }
    assertThatThrownBy(
            () ->
                worker.put(
                    BlobContainer.UPLOADS,
                    BlobNames.thumbnail(job.id(), "cam 1/img-0002.jpg"),
                    bytes("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    // Write only: the worker cannot read a thumbnail back.
    assertThatThrownBy(
            () ->
                worker.open(
                    BlobContainer.RESULTS, BlobNames.thumbnail(job.id(), "cam 1/img-0002.jpg")))
        .isInstanceOf(UnsupportedOperationException.class);

    Map<String, io.biotrack.adapter.azure.FileGrants.Grant> files;
    try (InputStream in = blobs.open(BlobContainer.RESULTS, ShardNames.access(job.id(), 1, 1))) {
      files = io.biotrack.adapter.azure.FileGrants.readGrants(in, job.id(), 1);
    }
    String thumbnails = "/" + settings.resultsContainer() + "/" + BlobNames.thumbnails(job.id());
    files.forEach(
        (file, grant) -> {
          URI url = URI.create(grant.thumbnail());
          assertThat(URLDecoder.decode(url.getRawPath(), StandardCharsets.UTF_8))
              .endsWith(thumbnails + file);
          assertThat(query(url)).containsEntry("sr", "b").containsEntry("sp", "cw");
        });
  }

  /**
   * Issue 17: a job that reuses another's results reads that job's content index, and nothing else
   * of it; its worker writes its own part of this job's index.
   */
  @Test
  void aReusingShardReadsThePreviousJobsContentIndexOnly() throws Exception {
    blobs.put(BlobContainer.RESULTS, BlobNames.contents(otherJob), bytes("index"));
    LaunchRequest reusing =
        new LaunchRequest(request(1, 2).task().reusing(otherJob), WorkerResources.DEFAULT, "m");
    JobAccess access = JobAccess.parse(credentials.issue(reusing).get(StorageSettings.JOB_ACCESS));

    JobAccess.Grant previous = access.result(BlobNames.contents(otherJob));
    assertThat(previous.write()).isNull();
    assertThat(query(previous.read())).containsEntry("sr", "b").containsEntry("sp", "r");
    assertThat(access.results().keySet())
        .filteredOn(name -> name.startsWith(otherJob))
        .containsExactly(BlobNames.contents(otherJob));
    Map<String, String> env = new HashMap<>(workerEnv);
    env.putAll(credentials.issue(reusing));
    BlobStore worker = StorageAdapters.openBlobs(StorageSettings.fromEnvironment(env::get));
    try (InputStream in = worker.open(BlobContainer.RESULTS, BlobNames.contents(otherJob))) {
      assertThat(in.readAllBytes()).isEqualTo(bytes("index"));
    }
    worker.put(BlobContainer.RESULTS, ShardNames.contents(job.id(), 1), bytes("part"));
    assertThat(blobs.exists(BlobContainer.RESULTS, ShardNames.contents(job.id(), 1))).isTrue();
  }

  /** Azurite does not enforce a SAS's scope: what each token grants is read from the token. */
  @Test
  void eachTokenGrantsOneBlobAndOnlyWhatItsUseNeeds() throws Exception {
    String document = workerEnv.get(StorageSettings.JOB_ACCESS);
    assertThat(document).doesNotContain(Azurite.ACCOUNT_KEY).doesNotContain("AccountKey");
    JobAccess access = JobAccess.parse(document);
    assertThat(access.jobId()).isEqualTo(job.id());
    assertThat(access.shard()).isEqualTo(1);
    assertThat(access.attempt()).isEqualTo(1);
    assertThat(access.expiresAt())
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(110)), Instant.now().plus(Duration.ofHours(2)));

    String manifestPrefix = job.id() + "/manifest/m6/";
    String shard = ShardNames.folder(job.id(), 1);
    assertThat(access.results().keySet())
        .containsExactlyInAnyOrder(
            manifestPrefix + "manifest.json",
            manifestPrefix + "page-000001.jsonl",
            shard + "checkpoint.json",
            shard + "progress.json",
            shard + "results.json",
            shard + "contents.txt");
    String results = "/" + settings.resultsContainer() + "/";
    access
        .results()
        .forEach(
            (name, grant) -> {
              if (grant.read() != null) {
                assertThat(grant.read().getPath()).endsWith(results + name);
                assertThat(query(grant.read())).containsEntry("sr", "b").containsEntry("sp", "r");
              }
              if (grant.write() != null) {
                assertThat(grant.write().getPath()).endsWith(results + name);
                assertThat(query(grant.write())).containsEntry("sr", "b").containsEntry("sp", "cw");
              }
            });
    assertThat(access.result(shard + "results.json").read()).isNull();
    assertThat(access.result(shard + "progress.json").read()).isNull();
    assertThat(access.result(manifestPrefix + "manifest.json").write()).isNull();
    assertThat(access.files().getPath()).endsWith(results + shard + "access-1.json");
    assertThat(query(access.files())).containsEntry("sr", "b").containsEntry("sp", "r");

    // The file list: one read URL per file of the shard, each for its one upload.
    Map<String, String> files;
    try (InputStream in = blobs.open(BlobContainer.RESULTS, ShardNames.access(job.id(), 1, 1))) {
      files = io.biotrack.adapter.azure.FileGrants.read(in, job.id(), 1);
    }
    assertThat(files).containsOnlyKeys("cam 1/img-0002.jpg", "cam 1/img-0003.jpg");
    String uploads = "/" + settings.uploadsContainer() + "/" + job.id() + "/";
    files.forEach(
        (file, url) -> {
          assertThat(URLDecoder.decode(URI.create(url).getRawPath(), StandardCharsets.UTF_8))
              .endsWith(uploads + file);
          assertThat(query(URI.create(url))).containsEntry("sr", "b").containsEntry("sp", "r");
        });
  }

  @Test
  void tokensNeverShowInSettingsOrErrorsAndExpireClearly() {
    String document = workerEnv.get(StorageSettings.JOB_ACCESS);
    String signature = query(JobAccess.parse(document).files()).get("sig");
    assertThat(signature).isNotBlank();

    StorageSettings workerSettings = StorageSettings.fromEnvironment(workerEnv::get);
    assertThat(workerSettings.toString())
        .contains(job.id())
        .doesNotContain(signature)
        .doesNotContain("sig=");

    Map<String, String> damaged = new HashMap<>(workerEnv);
    damaged.put(StorageSettings.JOB_ACCESS, document.replace("\"files\"", "\"filez\""));
    assertThatThrownBy(() -> StorageSettings.fromEnvironment(damaged::get))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("files is missing")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(signature));
    damaged.put(StorageSettings.JOB_ACCESS, document.substring(0, document.length() / 2));
    assertThatThrownBy(() -> StorageSettings.fromEnvironment(damaged::get))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("BIOTRACK_JOB_ACCESS: is not JSON")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain(signature).doesNotContain("sig="));

    Clock later = Clock.fixed(JobAccess.parse(document).expiresAt().plusSeconds(1), ZoneOffset.UTC);
    assertThatThrownBy(() -> StorageAdapters.openBlobs(workerSettings, later))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void aDeletedWorkloadsFileListGoes() {
    assertThat(blobs.exists(BlobContainer.RESULTS, ShardNames.access(job.id(), 1, 1))).isTrue();

    credentials.revoke(ShardNames.workload(job.id(), 1, 1));

    assertThat(blobs.exists(BlobContainer.RESULTS, ShardNames.access(job.id(), 1, 1))).isFalse();
  }

  /**
   * A shard holds up to 100,000 files: the variable stays a few KiB whatever the count (Linux
   * refuses an environment string over 128 KiB), the file list carries the URLs.
   */
  @Test
  void theLargestShardKeepsTheVariableSmall() {
    String id = JobIds.system().next();
    int files = JobOptions.MAX_SHARD_SIZE;
    List<ManifestEntry> entries =
        IntStream.range(0, files)
            .mapToObj(
                i ->
                    new ManifestEntry(
                        String.format("cam%03d/IMG_%06d.JPG", i / 1000, i),
                        4_000_000,
                        "\"0x8DC" + i + "\""))
            .toList();
    new ManifestStore(blobs).write(id, "big", entries::forEach);
    long started = System.nanoTime();
    Map<String, String> issued =
        credentials.issue(
            new LaunchRequest(
                new ShardTask(id, TENANT, "big", 0, 0, files, 1, 0.2),
                WorkerResources.DEFAULT,
                "m"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    String document = issued.get(StorageSettings.JOB_ACCESS);
    BlobInfo list = blobs.list(BlobContainer.RESULTS, ShardNames.access(id, 0, 1)).get(0);
    System.out.printf(
        "100,000-file shard: BIOTRACK_JOB_ACCESS %d bytes, file list %d bytes, issued in %d ms%n",
        document.length(), list.size(), took.toMillis());
    assertThat(document.length()).isLessThan(8 * 1024);
    Map<String, String> env =
        Map.of(StorageSettings.STORAGE, "azure", StorageSettings.JOB_ACCESS, document);
    BlobStore worker = StorageAdapters.openBlobs(StorageSettings.fromEnvironment(env::get));
    assertThatThrownBy(
            () -> worker.open(BlobContainer.UPLOADS, BlobNames.upload(id, "cam099/IMG_099999.JPG")))
        .isInstanceOf(
            io.biotrack.storage.BlobNotFoundException.class); // granted (never uploaded here)
    assertThatThrownBy(
            () -> worker.open(BlobContainer.UPLOADS, BlobNames.upload(id, "cam100/IMG_100000.JPG")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Map<String, String> query(URI url) {
    return Arrays.stream(url.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> pair[0],
                pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8),
                (a, b) -> a,
                LinkedHashMap::new));
  }
}
