package io.biotrack.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.job.Inference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a shard's worker reports in {@code progress.json}: counts so far, and {@code complete} once
 * the shard's results file is written whole (it is written after the results, so a complete report
 * always has its results).
 *
 * @param attempt the attempt that wrote it
 * @param total the shard's images
 * @param processed images done, failed ones included
 * @param failed images that could not be processed (failure entries)
 * @param device where the worker runs its model ({@code cpu}, {@code cuda:0}); null from a worker
 *     that does not say
 * @param batchSize images per forward pass; 0 when not said
 * @param reused images whose entries were copied from the job's previous job (part of processed)
 */
public record ShardProgress(
    int attempt,
    int total,
    int processed,
    int failed,
    long detections,
    boolean complete,
    String device,
    int batchSize,
    int reused) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ShardProgress {
    if (attempt < 1 || total < 0 || processed < 0 || failed < 0 || detections < 0 || reused < 0) {
      throw new IllegalArgumentException("progress counts cannot be negative");
    }
  }

  public ShardProgress(
      int attempt,
      int total,
      int processed,
      int failed,
      long detections,
      boolean complete,
      String device,
      int batchSize) {
    this(attempt, total, processed, failed, detections, complete, device, batchSize, 0);
  }

  public ShardProgress(
      int attempt, int total, int processed, int failed, long detections, boolean complete) {
    this(attempt, total, processed, failed, detections, complete, null, 0);
  }

  /** Where the worker runs its model and how many images at once; null when not reported. */
  public Inference inference() {
    return Inference.ofNullable(device, batchSize);
  }

  public Tally tally() {
    return new Tally(processed, failed, detections, reused);
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
        .put("device", device)
        .put("batch_size", batchSize)
        .put("reused", reused)
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
          node.path("complete").asBoolean(),
          node.hasNonNull("device") ? node.get("device").asText() : null,
          node.path("batch_size").asInt(),
          node.path("reused").asInt());
    } catch (IOException e) {
      throw new UncheckedIOException("not a shard progress report", e);
    }
  }
}
