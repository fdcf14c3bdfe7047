package io.biotrack.operator.launch.pod;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.azure.JobAccess;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.UrlSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Least-privilege credentials for a worker that cannot use managed identity (a Pod on an AKS
 * virtual node), scoped to its own job and short-lived: one variable, {@value #VARIABLE},
 * holding core's {@link JobAccess} document (the worker's storage adapters read it). Every blob
 * URL names one blob — read for the job's uploads, create + write for its results, read + create +
 * write for its checkpoint; no list, no delete, nothing of another job — and the table SAS is
 * pinned to the job's row (read + update). No account key is ever in it.
 */
public final class JobScopedCredentials implements WorkerCredentials {
  public static final String VARIABLE = StorageSettings.JOB_ACCESS;
  /** Linux refuses a single environment string over 128 KiB; stay well below. */
  static final int MAX_BYTES = 100 * 1024;

  private final BlobStore blobs;
  private final UrlSigner signer;
  private final TableRowSigner table;
  private final Duration ttl;
  private final Clock clock;

  /** @param ttl how long the tokens last: longer than a job may run (the active deadline) */
  public JobScopedCredentials(
      BlobStore blobs, UrlSigner signer, TableRowSigner table, Duration ttl, Clock clock) {
    this.blobs = blobs;
    this.signer = signer;
    this.table = table;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public Map<String, String> issue(LaunchRequest request) {
    String prefix = BlobNames.jobPrefix(request.jobId());
    Map<String, JobAccess.Upload> uploads = new LinkedHashMap<>();
    for (BlobInfo blob : blobs.list(BlobContainer.UPLOADS, prefix)) {
      uploads.put(
          BlobNames.fileOf(request.jobId(), blob.name()),
          new JobAccess.Upload(read(BlobContainer.UPLOADS, blob.name()), blob.size()));
    }
    String checkpoint = BlobNames.checkpoint(request.jobId());
    JobAccess access =
        new JobAccess(
            request.jobId(),
            request.tenant(),
            clock.instant().plus(ttl),
            uploads,
            new JobAccess.ResultBlob(null, write(BlobNames.results(request.jobId()))),
            new JobAccess.ResultBlob(read(BlobContainer.RESULTS, checkpoint), write(checkpoint)),
            URI.create(table.tableUrl()),
            table.rowSas(request.tenant(), request.jobId(), ttl));
    String document = access.toJson();
    if (document.length() > MAX_BYTES) {
      throw new LaunchRejectedException(
          "job " + request.jobId() + " has too many files for job-scoped credentials on a virtual"
              + " node (" + uploads.size() + "); use the aci or kubernetes launcher");
    }
    return Map.of(VARIABLE, document);
  }

  private URI read(BlobContainer container, String name) {
    return signer.downloadUrl(container, name, ttl).url();
  }

  private URI write(String name) {
    return signer.uploadUrl(BlobContainer.RESULTS, name, ttl).url();
  }
}
