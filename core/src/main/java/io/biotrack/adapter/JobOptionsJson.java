package io.biotrack.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.job.JobOptions;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The job record's {@code options} column: {@code {"confidenceThreshold":0.005,"shardSize":2000}},
 * with {@code "model":"mdv5a"} when the job chose a model.
 */
public final class JobOptionsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JobOptionsJson() {}

  public static String write(JobOptions options) {
    var node =
        JSON.createObjectNode()
            .put("confidenceThreshold", options.confidenceThreshold())
            .put("shardSize", options.shardSize());
    if (options.model() != null) {
      node.put("model", options.model());
    }
    return node.toString();
  }

  /** Unknown fields are ignored and missing ones take their defaults (older records). */
  public static JobOptions read(String json) {
    if (json == null || json.isBlank()) {
      return JobOptions.DEFAULTS;
    }
    try {
      JsonNode node = JSON.readTree(json);
      JsonNode threshold = node.get("confidenceThreshold");
      JsonNode shardSize = node.get("shardSize");
      JsonNode model = node.get("model");
      return new JobOptions(
          threshold != null && threshold.isNumber()
              ? threshold.doubleValue()
              : JobOptions.DEFAULT_CONFIDENCE_THRESHOLD,
          shardSize != null && shardSize.canConvertToInt()
              ? shardSize.intValue()
              : JobOptions.DEFAULT_SHARD_SIZE,
          model != null && model.isTextual() ? model.textValue() : null);
    } catch (IOException e) {
      throw new UncheckedIOException("stored job options are not JSON", e);
    }
  }
}
