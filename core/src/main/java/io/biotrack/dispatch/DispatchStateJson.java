package io.biotrack.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.shard.ShardSet;
import io.biotrack.shard.Tally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DispatchState} as one JSON text, for ledgers that keep it in a single column (the
 * embedded dispatcher's record):
 *
 * <pre>{@code
 * {"admittedAt":"…","finishedAt":"…","shardTotal":8,"completed":"0-2,4",
 *  "completedTally":{"processed":8000,"failed":3,"detections":912,"reused":500},
 *  "shards":[{"shard":3,"attempt":2,"workload":{"kind":"local","name":"…","id":"4242"},
 *             "attemptStartedAt":"…","attemptEndedAt":null,"attemptFailure":"…",
 *             "seen":{"processed":120,"failed":0,"detections":9,"reused":0},"stops":1}]}
 * }</pre>
 */
public final class DispatchStateJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DispatchStateJson() {}

  public static String write(DispatchState state) {
    ObjectNode root = JSON.createObjectNode();
    putTime(root, "admittedAt", state.admittedAt());
    putTime(root, "finishedAt", state.finishedAt());
    root.put("shardTotal", state.shardTotal());
    root.put("completed", state.completed().toString());
    putTally(root.putObject("completedTally"), state.completedTally());
    ArrayNode shards = root.putArray("shards");
    for (ShardState shard : state.shards()) {
      ObjectNode node = shards.addObject();
      node.put("shard", shard.shard());
      node.put("attempt", shard.attempt());
      if (shard.workload() != null) {
        ObjectNode workload = node.putObject("workload");
        workload.put("kind", shard.workload().kind());
        workload.put("name", shard.workload().name());
        workload.put("id", shard.workload().id());
      }
      putTime(node, "attemptStartedAt", shard.attemptStartedAt());
      putTime(node, "attemptEndedAt", shard.attemptEndedAt());
      if (shard.attemptFailure() != null) {
        node.put("attemptFailure", shard.attemptFailure());
      }
      putTally(node.putObject("seen"), shard.seen());
      if (shard.stops() > 0) {
        node.put("stops", shard.stops());
      }
    }
    return root.toString();
  }

  /**
   * @throws IllegalArgumentException for text that is not such a state
   */
  public static DispatchState read(String json) {
    if (json == null || json.isBlank()) {
      return DispatchState.NEW;
    }
    try {
      JsonNode root = JSON.readTree(json);
      List<ShardState> shards = new ArrayList<>();
      for (JsonNode node : root.path("shards")) {
        JsonNode workload = node.path("workload");
        shards.add(
            new ShardState(
                node.path("shard").asInt(),
                node.path("attempt").asInt(),
                workload.isObject()
                    ? new WorkloadHandle(
                        workload.path("kind").asText(),
                        workload.path("name").asText(),
                        workload.path("id").isNull() ? null : workload.path("id").asText(null))
                    : null,
                time(node, "attemptStartedAt"),
                time(node, "attemptEndedAt"),
                node.hasNonNull("attemptFailure") ? node.get("attemptFailure").asText() : null,
                tally(node.path("seen")),
                node.path("stops").asInt(0))); // absent before stops were counted: none
      }
      return new DispatchState(
          time(root, "admittedAt"),
          time(root, "finishedAt"),
          root.path("shardTotal").asInt(),
          shards,
          ShardSet.parse(root.path("completed").asText("")),
          tally(root.path("completedTally")));
    } catch (IOException e) {
      throw new UncheckedIOException("not a dispatch state", e);
    }
  }

  private static void putTime(ObjectNode node, String field, Instant time) {
    if (time != null) {
      node.put(field, time.toString());
    }
  }

  private static Instant time(JsonNode node, String field) {
    return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
  }

  private static void putTally(ObjectNode node, Tally tally) {
    node.put("processed", tally.processed());
    node.put("failed", tally.failed());
    node.put("detections", tally.detections());
    node.put("reused", tally.reused());
  }

  private static Tally tally(JsonNode node) {
    return new Tally(
        node.path("processed").asLong(),
        node.path("failed").asLong(),
        node.path("detections").asLong(),
        node.path("reused").asLong()); // 0 in states written before reuse was counted
  }
}
