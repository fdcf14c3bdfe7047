package io.biotrack.operator.launch.credentials;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.azure.FileGrants;
import io.biotrack.adapter.azure.JobAccess;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.manifest.Manifest;
import io.biotrack.manifest.ManifestNotFoundException;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.UrlSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Least-privilege, short-lived credentials for one attempt at one shard, for every remote launcher:
 * one variable, {@value #VARIABLE}, holding core's {@link JobAccess} document (the worker's blob
 * store reads it). Its grants, each a SAS URL for one blob: the manifest's header and the pages of
 * the shard's range (read), the shard's checkpoint (read, create + write), its progress report and
 * results (create + write), and the shard's file list — a blob written here, {@code
 * {jobId}/shards/{shard}/access-{attempt}.json}, with a read URL for each of the shard's uploads
 * and a create + write URL for each one's thumbnail ({@code {jobId}/thumbnails/{file}}, {@link
 * FileGrants}). No listing, no delete, nothing of another shard or job, no job table: only the
 * operator holds account-wide rights. URLs are signed with the storage's own signer (a
 * user-delegation key in the cluster); no account key is ever in a document.
 */
public final class JobScopedCredentials implements WorkerCredentials {
  public static final String VARIABLE = StorageSettings.JOB_ACCESS;
  private static final Logger log = LoggerFactory.getLogger(JobScopedCredentials.class);
  private static final Pattern WORKLOAD = Pattern.compile("biotrack-([0-9a-z]{26})-(\\d+)-(\\d+)");

  private final BlobStore blobs;
  private final ManifestStore manifests;
  private final UrlSigner signer;
  private final Duration ttl;
  private final Clock clock;

  /**
   * @param ttl how long the tokens last: longer than a job may run (the active deadline)
   */
  public JobScopedCredentials(BlobStore blobs, UrlSigner signer, Duration ttl, Clock clock) {
    this.blobs = blobs;
    this.manifests = new ManifestStore(blobs);
    this.signer = signer;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The tokens' lifetime for jobs with this active deadline: an hour more, at most 24 h. */
  public static Duration ttlFor(Duration activeDeadline) {
    Duration day = Duration.ofHours(24);
    return activeDeadline == null || activeDeadline.plusHours(1).compareTo(day) > 0
        ? day
        : activeDeadline.plusHours(1);
  }

  @Override
  public Map<String, String> issue(LaunchRequest request) {
    ShardTask task = request.task();
    String jobId = task.jobId();
    Manifest manifest;
    try {
      manifest = manifests.get(jobId, task.manifestId());
    } catch (ManifestNotFoundException e) {
      log.error("job {}: no credentials for shard {}: {}", jobId, task.shard(), e.toString());
      throw new LaunchRejectedException(
          "the job's list of files cannot be read; create the job again and start it");
    }
    Instant expiresAt = clock.instant().plus(ttl);
    Map<String, JobAccess.Grant> results = new LinkedHashMap<>();
    for (String name : manifests.blobsOf(manifest, task.from(), task.count())) {
      results.put(name, JobAccess.Grant.read(read(BlobContainer.RESULTS, name)));
    }
    String checkpoint = ShardNames.checkpoint(jobId, task.shard());
    results.put(
        checkpoint,
        new JobAccess.Grant(read(BlobContainer.RESULTS, checkpoint), write(checkpoint)));
    String progress = ShardNames.progress(jobId, task.shard());
    results.put(progress, JobAccess.Grant.write(write(progress)));
    String shardResults = ShardNames.results(jobId, task.shard());
    results.put(shardResults, JobAccess.Grant.write(write(shardResults)));
    String contents = ShardNames.contents(jobId, task.shard());
    results.put(contents, JobAccess.Grant.write(write(contents)));
    if (task.previousJobId() != null) {
      // Reuse: the previous job's content index, read only (same tenant: checked at creation).
      String previous = BlobNames.contents(task.previousJobId());
      results.put(previous, JobAccess.Grant.read(read(BlobContainer.RESULTS, previous)));
    }

    FileGrants.Writer files = new FileGrants.Writer(jobId, task.shard(), task.attempt());
    manifests
        .read(manifest, task.from(), task.count())
        .forEachRemaining(
            entry ->
                files.add(
                    entry.file(),
                    read(BlobContainer.UPLOADS, BlobNames.upload(jobId, entry.file())),
                    // Its thumbnail: the one blob of the job's thumbnails this file may have.
                    write(BlobNames.thumbnail(jobId, entry.file()))));
    String list = ShardNames.access(jobId, task.shard(), task.attempt());
    blobs.put(BlobContainer.RESULTS, list, files.toBytes());

    JobAccess access =
        new JobAccess(
            jobId,
            task.tenant(),
            task.shard(),
            task.attempt(),
            expiresAt,
            results,
            read(BlobContainer.RESULTS, list));
    return Map.of(VARIABLE, access.toJson());
  }

  /** Deletes the attempt's file list: its read URLs are of no use to anyone any more. */
  @Override
  public void revoke(String workloadName) {
    Matcher name = WORKLOAD.matcher(workloadName);
    if (name.matches()) {
      blobs.delete(
          BlobContainer.RESULTS,
          ShardNames.access(
              name.group(1), Integer.parseInt(name.group(2)), Integer.parseInt(name.group(3))));
    }
  }

  private URI read(BlobContainer container, String name) {
    return signer.downloadUrl(container, name, ttl).url();
  }

  private URI write(String name) {
    return signer.uploadUrl(BlobContainer.RESULTS, name, ttl).url();
  }
}
