package io.biotrack.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a shard's worker reports in {@code progress.json}: counts so far, and {@code complete}
 * once the shard's results file is written whole (it is written after the results, so a
 * complete report always has its results).
 *
 * @param attempt the attempt that wrote it
 * @param total the shard's images
 * @param processed images done, failed ones included
 * @param failed images that could not be processed (failure entries)
 */
public record ShardProgress(
    int attempt, int total, int processed, int failed, long detections, boolean complete) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ShardProgress {
    if (attempt < 1 || total < 0 || processed < 0 || failed < 0 || detections < 0) {
      throw new IllegalArgumentException("progress counts cannot be negative");
    }
  }

  public Tally tally() {
    return new Tally(processed, failed, detections);
  }

  public byte[] toBytes() {
    return JSON.createObjectNode()
        .put("version", 1)
        .put("attempt", attempt)
        .put("total", total)
        .put("processed", processed)
        .put("failed", failed)
        .put("detections", detections)
        .put("complete", complete)
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  public static ShardProgress parse(byte[] json) {
    try {
      JsonNode node = JSON.readTree(json);
      return new ShardProgress(
          node.path("attempt").asInt(),
          node.path("total").asInt(),
          node.path("processed").asInt(),
          node.path("failed").asInt(),
          node.path("detections").asLong(),
          node.path("complete").asBoolean());
    } catch (IOException e) {
      throw new UncheckedIOException("not a shard progress report", e);
    }
  }
}
