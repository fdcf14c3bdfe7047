package io.biotrack.worker.job;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageKind;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.manifest.ManifestIds;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.testing.Azurite;
import io.biotrack.worker.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs as the dispatcher hands their shards to workers: images uploaded, the manifest frozen. */
final class JobFixture {
  static final String TENANT = "acme";

  /** Five small samples in two folders, and one broken upload. */
  static final List<String> FILES =
      List.of(
          "cam1/cfz.jpg",
          "cam1/crocdocs-01.jpg",
          "cam1/crocdocs-05.jpg",
          "cam2/dzf-01.jpg",
          "cam2/dzf-101.jpg",
          "cam2/broken.jpg");

  private static final List<String> SAMPLES =
      List.of(
          "sample-cfz-01.jpg",
          "sample-crocdocs-01.jpg",
          "sample-crocdocs-05.jpg",
          "sample-dzf-01.jpg",
          "sample-dzf-101.jpg");

  private JobFixture() {}

  static StorageSettings settings(String kind, Path tmp) {
    return kind.equals("azure") ? Azurite.settings() : StorageSettings.local(tmp.resolve("data"));
  }

  /** Creates the job, uploads {@code copies} rounds of the files, starts it (manifest frozen). */
  static Job started(StorageAdapters storage, int copies) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int c = 0; c < copies; c++) {
      for (int i = 0; i < FILES.size(); i++) {
        String name = (copies > 1 ? "round" + c + "/" : "") + FILES.get(i);
        byte[] content =
            i < SAMPLES.size()
                ? Files.readAllBytes(TestData.samples().resolve(SAMPLES.get(i)))
                : "not an image".getBytes(StandardCharsets.UTF_8);
        files.put(name, content);
      }
    }
    return started(storage, files);
  }

  /** Creates a job, uploads {@code files} (name to content), starts it (manifest frozen). */
  static Job started(StorageAdapters storage, Map<String, byte[]> files) {
    Clock clock = Clock.systemUTC();
    String id = JobIds.system().next();
    files.forEach(
        (name, content) ->
            storage.blobStore().put(BlobContainer.UPLOADS, BlobNames.upload(id, name), content));
    storage
        .jobStore()
        .create(
            Job.newPending(id, TENANT, "test", files.size(), JobOptions.DEFAULTS, clock.instant()));
    // As the gateway's start does: freeze the uploads into the job's manifest, then QUEUED.
    String manifestId = ManifestIds.next();
    int frozen =
        Math.toIntExact(
            new ManifestStore(storage.blobStore()).freezeUploads(id, manifestId).count());
    return storage
        .jobStore()
        .transition(
            TENANT,
            id,
            JobStatus.PENDING,
            JobStatus.QUEUED,
            null,
            clock,
            j -> j.withManifest(manifestId, frozen, clock.instant()));
  }

  /** Attempt {@code attempt} of the shard of {@code count} photos from {@code from}. */
  static ShardTask task(Job job, int shard, long from, int count, int attempt) {
    return new ShardTask(job.id(), TENANT, job.manifestId(), shard, from, count, attempt, 0.005);
  }

  /** The whole job as one shard. */
  static ShardTask whole(Job job, int attempt) {
    return task(job, 0, 0, job.counts().imageCount(), attempt);
  }

  static ShardSettings worker(StorageSettings storage, ShardTask task, Path model) {
    return new ShardSettings(storage, task, model, 2, null, 2, Duration.ZERO, 0);
  }

  /** The variables a launcher gives a worker process for these settings. */
  static Map<String, String> environment(StorageSettings s, ShardTask task) {
    Map<String, String> env = new LinkedHashMap<>();
    if (s.kind() == StorageKind.LOCAL) {
      env.put("BIOTRACK_STORAGE", "local");
      env.put("BIOTRACK_DATA_DIR", s.dataDir().toString());
    } else {
      env.put("BIOTRACK_STORAGE", "azure");
      env.put("BIOTRACK_AZURE_CONNECTION_STRING", s.azureConnectionString());
    }
    env.put("BIOTRACK_TABLE", s.table());
    env.put("BIOTRACK_UPLOADS_CONTAINER", s.uploadsContainer());
    env.put("BIOTRACK_RESULTS_CONTAINER", s.resultsContainer());
    env.put("BIOTRACK_QUEUE", s.queue());
    env.put("BIOTRACK_JOB_ID", task.jobId());
    env.put("BIOTRACK_TENANT", task.tenant());
    env.put("BIOTRACK_ATTEMPT", Integer.toString(task.attempt()));
    env.put("BIOTRACK_MANIFEST", task.manifestId());
    env.put("BIOTRACK_SHARD", Integer.toString(task.shard()));
    env.put("BIOTRACK_SHARD_FROM", Long.toString(task.from()));
    env.put("BIOTRACK_SHARD_COUNT", Integer.toString(task.count()));
    env.put("BIOTRACK_CONFIDENCE_THRESHOLD", Double.toString(task.confidenceThreshold()));
    env.put("BIOTRACK_MODEL", TestData.model().toString());
    env.put("BIOTRACK_THREADS", "2");
    env.put("BIOTRACK_CHECKPOINT_EVERY", "2");
    env.put("BIOTRACK_PROGRESS_SECONDS", "0");
    return env;
  }
}
