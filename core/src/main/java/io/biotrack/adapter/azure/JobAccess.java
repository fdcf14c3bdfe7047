package io.biotrack.adapter.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.files.FileNames;
import io.biotrack.job.JobIds;
import io.biotrack.storage.BlobNames;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Short-lived credentials for one attempt at one shard: what a remote worker (ACI, a Kubernetes
 * Job, a Pod on a virtual node) gets instead of an identity. The JSON document in {@code
 * BIOTRACK_JOB_ACCESS}, written by the operator and read by the worker's blob store (version 2):
 *
 * <pre>{@code
 * {"version":2, "jobId":"…", "tenant":"…", "shard":3, "attempt":1, "expiresAt":"…",
 *  "results": {"{jobId}/manifest/{id}/manifest.json":   {"read": "{read URL}"},
 *              "{jobId}/manifest/{id}/page-000000.jsonl": {"read": "{read URL}"},
 *              "{jobId}/shards/00003/checkpoint.json":  {"read": "…", "write": "{create+write URL}"},
 *              "{jobId}/shards/00003/progress.json":    {"write": "…"},
 *              "{jobId}/shards/00003/results.json":     {"write": "…"},
 *              "{jobId}/shards/00003/contents.txt":     {"write": "…"},
 *              "{previousJobId}/contents.txt":          {"read": "…"}},
 *  "files": "{read URL of {jobId}/shards/00003/access-1.json}"}
 * }</pre>
 *
 * {@code results} grants blobs of the results container by name: the manifest's header and the
 * pages that hold the shard's range (read), the shard's checkpoint (read and write), its progress
 * report, results and part of the content index (write), and, for a job created with {@code
 * previousJobId}, that job's content index (read only: the one blob of another job a worker may
 * reach, of the same tenant, as the gateway checked when the job was created). {@code files} is the
 * read URL of the shard's <em>file list</em> ({@link FileGrants}), a blob the operator writes with
 * one read URL per file of the shard: a shard holds up to 100,000 files, and the variable stays a
 * few KiB (Linux refuses an environment string over 128 KiB). Every URL names one blob; nothing
 * lists, nothing deletes, nothing reaches another shard, another job or the job table.
 *
 * <p>The URLs carry their tokens: {@link #toString()} never shows them, and neither do parse
 * errors.
 *
 * @param results grants on blobs of the results container, by blob name
 * @param files the read URL of the shard's {@link FileGrants}
 */
public record JobAccess(
    String jobId,
    String tenant,
    int shard,
    int attempt,
    Instant expiresAt,
    Map<String, Grant> results,
    URI files) {

  public static final int VERSION = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the bearer may do with one blob: read it, (create and over)write it, or both. */
  public record Grant(URI read, URI write) {
    public Grant {
      if (read == null && write == null) {
        throw new IllegalArgumentException("a grant reads, writes or both");
      }
    }

    public static Grant read(URI url) {
      return new Grant(url, null);
    }

    public static Grant write(URI url) {
      return new Grant(null, url);
    }
  }

  public JobAccess {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenant, "tenant");
    if (shard < 0 || attempt < 1) {
      throw new IllegalArgumentException("shards count from 0, attempts from 1");
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
    results = Collections.unmodifiableMap(new TreeMap<>(results));
    Objects.requireNonNull(files, "files");
  }

  /** The grant on blob {@code name} of the results container; null when there is none. */
  public Grant result(String name) {
    return results.get(name);
  }

  /** The document as the worker's environment variable carries it. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("jobId", jobId);
    root.put("tenant", tenant);
    root.put("shard", shard);
    root.put("attempt", attempt);
    root.put("expiresAt", expiresAt.toString());
    ObjectNode resultsNode = root.putObject("results");
    results.forEach(
        (name, grant) -> {
          ObjectNode node = resultsNode.putObject(name);
          if (grant.read() != null) {
            node.put("read", grant.read().toString());
          }
          if (grant.write() != null) {
            node.put("write", grant.write().toString());
          }
        });
    root.put("files", files.toString());
    return root.toString();
  }

  /**
   * Reads a document written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException naming every missing or malformed field (never a token)
   */
  public static JobAccess parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the input, tokens included: say where, not what.
      throw new IllegalArgumentException(
          "is not JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    List<String> problems = new ArrayList<>();
    if (root.path("version").asInt(-1) != VERSION) {
      problems.add(
          "version must be "
              + VERSION
              + " (a worker of this release reads only credentials for"
              + " one shard)");
    }
    String jobId = text(root, "jobId", problems);
    if (jobId != null && !JobIds.isValid(jobId)) {
      problems.add("jobId is not a job id");
    }
    String tenant = text(root, "tenant", problems);
    int shard = number(root, "shard", 0, problems);
    int attempt = number(root, "attempt", 1, problems);
    Instant expiresAt = null;
    String expires = text(root, "expiresAt", problems);
    if (expires != null) {
      try {
        expiresAt = Instant.parse(expires);
      } catch (DateTimeParseException e) {
        problems.add("expiresAt is not an ISO-8601 instant");
      }
    }
    Map<String, Grant> results = new TreeMap<>();
    JsonNode resultsNode = root.path("results");
    if (!resultsNode.isObject()) {
      problems.add("results must be an object");
    } else {
      resultsNode
          .fields()
          .forEachRemaining(
              entry -> {
                String where = "results[" + entry.getKey() + "]";
                JsonNode node = entry.getValue();
                if (!FileNames.isValid(entry.getKey())
                    || (jobId != null
                        && !entry.getKey().startsWith(BlobNames.jobPrefix(jobId))
                        && !isPreviousContents(entry.getKey(), node))) {
                  problems.add(where + " is not a blob of this job");
                  return;
                }
                URI read =
                    node.has("read") ? url(node.path("read"), where + ".read", problems) : null;
                URI write =
                    node.has("write") ? url(node.path("write"), where + ".write", problems) : null;
                if (!node.has("read") && !node.has("write")) {
                  problems.add(where + " grants neither read nor write");
                } else if (read != null || write != null) {
                  results.put(entry.getKey(), new Grant(read, write));
                }
              });
    }
    URI files = url(root.path("files"), "files", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new JobAccess(jobId, tenant, shard, attempt, expiresAt, results, files);
  }

  /** Never shows a URL or token. */
  @Override
  public String toString() {
    return "JobAccess[job="
        + jobId
        + ", tenant="
        + tenant
        + ", shard="
        + shard
        + ", attempt="
        + attempt
        + ", expiresAt="
        + expiresAt
        + ", blobs="
        + results.size()
        + ", tokens not shown]";
  }

  private static String text(JsonNode node, String field, List<String> problems) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(field + " is missing");
      return null;
    }
    return value.asText();
  }

  private static int number(JsonNode node, String field, int min, List<String> problems) {
    JsonNode value = node.path(field);
    if (!value.canConvertToInt() || value.asInt() < min) {
      problems.add(field + " must be a whole number of at least " + min);
      return min;
    }
    return value.asInt();
  }

  /** An http(s) URL with a host; {@code where} names it in problems, the value never. */
  static URI url(JsonNode value, String where, List<String> problems) {
    if (!value.isTextual()) {
      problems.add(where + " is missing");
      return null;
    }
    try {
      URI uri = new URI(value.asText());
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        problems.add(where + " is not an http(s) URL");
        return null;
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      problems.add(where + " is not a URL");
      return null;
    }
  }

  /** Another job's content index, granted for reading only (reuse across jobs). */
  private static boolean isPreviousContents(String name, JsonNode grant) {
    int slash = name.indexOf('/');
    return slash > 0
        && JobIds.isValid(name.substring(0, slash))
        && name.equals(BlobNames.contents(name.substring(0, slash)))
        && grant.has("read")
        && !grant.has("write");
  }
}
