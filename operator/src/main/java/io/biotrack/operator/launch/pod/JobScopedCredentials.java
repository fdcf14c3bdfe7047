package io.biotrack.operator.launch.pod;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Least-privilege credentials for a worker that cannot use managed identity (a Pod on an AKS
 * virtual node), scoped to its own job and short-lived. One variable, {@value #VARIABLE}, holds a
 * JSON document:
 *
 * <pre>{@code
 * {"version":1, "jobId":"…", "tenant":"…", "expiresAt":"…",
 *  "uploads":  {"{relative name}": "{read URL of uploads/{jobId}/{name}}", …},
 *  "results":  {"results.json":    {"write": "{create+write URL}"},
 *               "checkpoint.json": {"read": "{read URL}", "write": "{create+write URL}"}},
 *  "table":    {"url": "https://…/biotrackjobs", "sas": "{read+update SAS of row (tenant, jobId)}"}}
 * }</pre>
 *
 * Every blob URL names one blob (no list, no delete, nothing of another job); the table SAS is
 * pinned to the job's row. No account key is ever in it.
 */
public final class JobScopedCredentials implements WorkerCredentials {
  public static final String VARIABLE = "BIOTRACK_JOB_ACCESS";
  /** Linux refuses a single environment string over 128 KiB; stay well below. */
  static final int MAX_BYTES = 100 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

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
    String prefix = request.jobId() + "/";
    ObjectNode access = JSON.createObjectNode();
    access.put("version", 1);
    access.put("jobId", request.jobId());
    access.put("tenant", request.tenant());
    access.put("expiresAt", clock.instant().plus(ttl).toString());
    ObjectNode uploads = access.putObject("uploads");
    for (BlobInfo blob : blobs.list(BlobContainer.UPLOADS, prefix)) {
      uploads.put(
          blob.name().substring(prefix.length()),
          signer.downloadUrl(BlobContainer.UPLOADS, blob.name(), ttl).url().toString());
    }
    ObjectNode results = access.putObject("results");
    results.putObject("results.json").put("write", write(prefix + "results.json"));
    ObjectNode checkpoint = results.putObject("checkpoint.json");
    checkpoint.put("read", signer.downloadUrl(BlobContainer.RESULTS, prefix + "checkpoint.json", ttl).url().toString());
    checkpoint.put("write", write(prefix + "checkpoint.json"));
    access.putObject("table")
        .put("url", table.tableUrl())
        .put("sas", table.rowSas(request.tenant(), request.jobId(), ttl));
    String document = access.toString();
    if (document.length() > MAX_BYTES) {
      throw new LaunchRejectedException(
          "job " + request.jobId() + " has too many files for job-scoped credentials on a virtual"
              + " node (" + uploads.size() + "); use the aci or kubernetes launcher");
    }
    return Map.of(VARIABLE, document);
  }

  private String write(String name) {
    return signer.uploadUrl(BlobContainer.RESULTS, name, ttl).url().toString();
  }
}
