package io.biotrack.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.job.JobIds;
import java.io.IOException;
import java.util.Objects;

/**
 * The job queue's message: {@code {"version":1,"jobId":"…","tenant":"…"}}, sent as plain UTF-8 JSON
 * text (no Base64) on both Azure Storage Queue and the local queue.
 */
public record JobMessage(int version, String jobId, String tenant) {
  public static final int CURRENT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  public JobMessage {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenant, "tenant");
  }

  public static JobMessage of(String jobId, String tenant) {
    return new JobMessage(CURRENT_VERSION, jobId, tenant);
  }

  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("version", version);
    node.put("jobId", jobId);
    node.put("tenant", tenant);
    return node.toString();
  }

  /**
   * @throws MalformedMessageException if the body is not a version-1 job message
   */
  public static JobMessage parse(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new MalformedMessageException("not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedMessageException("not a JSON object");
    }
    JsonNode version = node.get("version");
    if (version == null || !version.isInt() || version.intValue() != CURRENT_VERSION) {
      throw new MalformedMessageException("version must be " + CURRENT_VERSION);
    }
    String jobId = text(node, "jobId");
    if (!JobIds.isValid(jobId)) {
      throw new MalformedMessageException("jobId is not a Biotrack job id");
    }
    String tenant = text(node, "tenant");
    if (tenant == null || tenant.isBlank()) {
      throw new MalformedMessageException("tenant is missing");
    }
    return new JobMessage(CURRENT_VERSION, jobId, tenant);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
