package io.biotrack.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.job.JobOptions;
import io.biotrack.job.SpeciesOptions;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The job record's {@code options} column: {@code {"confidenceThreshold":0.005,"shardSize":2000}},
 * with {@code "model":"mdv5a"} when the job chose a model, and {@code "classify": true, "country",
 * "admin1"} when the job classifies species.
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
    if (options.previousJobId() != null) {
      node.put("previousJobId", options.previousJobId());
    }
    SpeciesOptions species = options.species();
    if (species.classify()) {
      node.put("classify", true);
      if (species.country() != null) {
        node.put("country", species.country());
      }
      if (species.admin1() != null) {
        node.put("admin1", species.admin1());
      }
    }
    return node.toString();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
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
          model != null && model.isTextual() ? model.textValue() : null,
          node.path("classify").asBoolean(false)
              ? new SpeciesOptions(true, text(node.get("country")), text(node.get("admin1")))
              : SpeciesOptions.NONE,
          text(node.get("previousJobId")));
    } catch (IOException e) {
      throw new UncheckedIOException("stored job options are not JSON", e);
    }
  }
}
