package io.biotrack.adapter.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.files.FileNames;
import io.biotrack.job.JobIds;
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
 * Short-lived credentials scoped to one job, for a worker that cannot use managed identity (a Pod
 * on an AKS virtual node): the JSON document in {@code BIOTRACK_JOB_ACCESS}, written by the
 * operator and read by the worker's storage adapters (version 1):
 *
 * <pre>{@code
 * {"version":1, "jobId":"…", "tenant":"…", "expiresAt":"…",
 *  "uploads":  {"{relative name}": {"read": "{read URL of uploads/{jobId}/{name}}", "size": 123}, …},
 *  "results":  {"results.json":    {"write": "{create+write URL}"},
 *               "checkpoint.json": {"read": "{read URL}", "write": "{create+write URL}"}},
 *  "table":    {"url": "https://…/biotrackjobs", "sas": "{read+update SAS of row (tenant, jobId)}"}}
 * }</pre>
 *
 * Every blob URL names one blob; the table SAS is pinned to the job's row. The URLs carry their
 * tokens: {@link #toString()} never shows them, and neither do parse errors.
 *
 * @param uploads the job's uploads by the name the user gave, in name order
 * @param tableUrl the job table's URL ({@code {service}/{table}})
 * @param tableSas a SAS query string without the leading {@code ?}
 */
public record JobAccess(
    String jobId,
    String tenant,
    Instant expiresAt,
    Map<String, Upload> uploads,
    ResultBlob results,
    ResultBlob checkpoint,
    URI tableUrl,
    String tableSas) {

  public static final int VERSION = 1;
  public static final String RESULTS_FILE = "results.json";
  public static final String CHECKPOINT_FILE = "checkpoint.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One upload: a read-only URL and the blob's size. */
  public record Upload(URI read, long size) {
    public Upload {
      Objects.requireNonNull(read, "read");
    }
  }

  /** A results-container blob: read URL (null where not granted) and create + write URL. */
  public record ResultBlob(URI read, URI write) {
    public ResultBlob {
      Objects.requireNonNull(write, "write");
    }
  }

  public JobAccess {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(expiresAt, "expiresAt");
    uploads = Collections.unmodifiableMap(new TreeMap<>(uploads));
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(tableUrl, "tableUrl");
    Objects.requireNonNull(tableSas, "tableSas");
  }

  /** The document as the worker's environment variable carries it. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("jobId", jobId);
    root.put("tenant", tenant);
    root.put("expiresAt", expiresAt.toString());
    ObjectNode uploadsNode = root.putObject("uploads");
    uploads.forEach(
        (name, upload) ->
            uploadsNode.putObject(name).put("read", upload.read().toString()).put("size", upload.size()));
    ObjectNode resultsNode = root.putObject("results");
    resultsNode.putObject(RESULTS_FILE).put("write", results.write().toString());
    ObjectNode checkpointNode = resultsNode.putObject(CHECKPOINT_FILE);
    if (checkpoint.read() != null) {
      checkpointNode.put("read", checkpoint.read().toString());
    }
    checkpointNode.put("write", checkpoint.write().toString());
    root.putObject("table").put("url", tableUrl.toString()).put("sas", tableSas);
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
          "is not JSON (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    List<String> problems = new ArrayList<>();
    if (root.path("version").asInt(-1) != VERSION) {
      problems.add("version must be " + VERSION);
    }
    String jobId = text(root, "jobId", "", problems);
    if (jobId != null && !JobIds.isValid(jobId)) {
      problems.add("jobId is not a job id");
    }
    String tenant = text(root, "tenant", "", problems);
    Instant expiresAt = null;
    String expires = text(root, "expiresAt", "", problems);
    if (expires != null) {
      try {
        expiresAt = Instant.parse(expires);
      } catch (DateTimeParseException e) {
        problems.add("expiresAt is not an ISO-8601 instant");
      }
    }
    Map<String, Upload> uploads = new TreeMap<>();
    JsonNode uploadsNode = root.path("uploads");
    if (!uploadsNode.isObject()) {
      problems.add("uploads must be an object");
    } else {
      uploadsNode.fields().forEachRemaining(
          entry -> {
            String where = "uploads[" + entry.getKey() + "]";
            if (!FileNames.isValid(entry.getKey())) {
              problems.add(where + " is not a valid file name");
              return;
            }
            URI read = url(entry.getValue(), "read", where, problems);
            JsonNode size = entry.getValue().path("size");
            if (!size.canConvertToLong() || size.asLong() < 0) {
              problems.add(where + ".size must be a whole number of bytes");
            } else if (read != null) {
              uploads.put(entry.getKey(), new Upload(read, size.asLong()));
            }
          });
    }
    JsonNode resultsNode = root.path("results");
    URI resultsWrite = url(resultsNode.path(RESULTS_FILE), "write", "results." + RESULTS_FILE, problems);
    JsonNode checkpointNode = resultsNode.path(CHECKPOINT_FILE);
    URI checkpointRead =
        checkpointNode.has("read")
            ? url(checkpointNode, "read", "results." + CHECKPOINT_FILE, problems)
            : null;
    URI checkpointWrite = url(checkpointNode, "write", "results." + CHECKPOINT_FILE, problems);
    URI tableUrl = url(root.path("table"), "url", "table", problems);
    String tableSas = text(root.path("table"), "sas", "table.", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new JobAccess(
        jobId, tenant, expiresAt, uploads, new ResultBlob(null, resultsWrite),
        new ResultBlob(checkpointRead, checkpointWrite), tableUrl, tableSas);
  }

  /** Never shows a URL or token. */
  @Override
  public String toString() {
    return "JobAccess[job=" + jobId + ", tenant=" + tenant + ", expiresAt=" + expiresAt
        + ", uploads=" + uploads.size() + ", tokens not shown]";
  }

  private static String text(JsonNode node, String field, String where, List<String> problems) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(where + field + " is missing");
      return null;
    }
    return value.asText();
  }

  private static URI url(JsonNode node, String field, String where, List<String> problems) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      problems.add(where + "." + field + " is missing");
      return null;
    }
    try {
      URI uri = new URI(value.asText());
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        problems.add(where + "." + field + " is not an http(s) URL");
        return null;
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      problems.add(where + "." + field + " is not a URL");
      return null;
    }
  }
}
