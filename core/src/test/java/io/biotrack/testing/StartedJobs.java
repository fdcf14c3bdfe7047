package io.biotrack.testing;

import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.manifest.ManifestIds;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import java.time.Clock;

/**
 * Jobs as the gateway's start leaves them, for dispatcher and worker tests: files uploaded, the
 * manifest frozen, the record QUEUED with it.
 */
public final class StartedJobs {
  private StartedJobs() {}

  /**
   * Creates job records and uploads {@code images} small files named {@code img-0000.jpg}..., then
   * freezes them and moves the record to QUEUED (no queue message: the caller sends one if it
   * wants).
   */
  public static Job queued(
      JobStore jobs, BlobStore blobs, String tenant, int images, int shardSize, Clock clock) {
    return queued(jobs, blobs, tenant, images, JobOptions.DEFAULTS.withShardSize(shardSize), clock);
  }

  /** A queued job with these options (its model among them). */
  public static Job queued(
      JobStore jobs, BlobStore blobs, String tenant, int images, JobOptions options, Clock clock) {
    String id = JobIds.system().next();
    for (int i = 0; i < images; i++) {
      blobs.put(
          BlobContainer.UPLOADS,
          BlobNames.upload(id, String.format("img-%04d.jpg", i)),
          ("image " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    jobs.create(Job.newPending(id, tenant, "job", images, options, clock.instant()));
    String manifestId = ManifestIds.next();
    int frozen = Math.toIntExact(new ManifestStore(blobs).freezeUploads(id, manifestId).count());
    return jobs.transition(
        tenant,
        id,
        JobStatus.PENDING,
        JobStatus.QUEUED,
        null,
        clock,
        j -> j.withManifest(manifestId, frozen, clock.instant()));
  }
}
