package io.biotrack.operator.biojob;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.biotrack.dispatch.DispatchState;
import io.biotrack.shard.ShardSet;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * {@code BioJob.status}: the job record's phase and progress, mirrored, the operator's own
 * bookkeeping of the job's shards (core's {@link DispatchState}, in typed fields) and conditions.
 * Timestamps are RFC 3339 strings, as elsewhere in Kubernetes.
 *
 * @param shards completed of total shards, {@code "3/8"}, for {@code kubectl get}
 * @param attempt the highest attempt of any shard
 * @param admittedAt when the job's first shard got a slot (the active deadline counts from here)
 * @param finishedAt when the operator saw the job finished with no workload left (the TTL counts
 *     from here)
 * @param completedShards the completed shards as ranges, {@code "0-57,59"}
 * @param activeShards the shards launched and not completed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BioJobStatus(
    @JsonPropertyDescription("The job record's state.") String phase,
    Integer processedImages,
    Integer failedImages,
    @JsonPropertyDescription(
            "Processed images whose results were copied from the job's previous job (the REST"
                + " status's reusedCount); 0 when it has none.")
        Integer reusedImages,
    @JsonPropertyDescription("Completed of total shards.") String shards,
    @JsonPropertyDescription("The highest attempt of any shard.") Integer attempt,
    String admittedAt,
    String finishedAt,
    Integer shardTotal,
    @JsonPropertyDescription("Completed shards as ranges, e.g. 0-57,59.") String completedShards,
    Counts completedTally,
    @JsonPropertyDescription("Shards launched and not completed.") List<ShardEntry> activeShards,
    String message,
    List<Condition> conditions,
    Long observedGeneration) {

  public static final BioJobStatus EMPTY =
      new BioJobStatus(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public BioJobStatus {
    activeShards = activeShards == null ? null : List.copyOf(activeShards);
    conditions = conditions == null ? null : List.copyOf(conditions);
  }

  /** The operator's bookkeeping, as the dispatch engine reads it. */
  @JsonIgnore
  public DispatchState dispatchState() {
    return new DispatchState(
        ShardEntry.instant(admittedAt),
        ShardEntry.instant(finishedAt),
        shardTotal == null ? 0 : shardTotal,
        activeShards == null ? List.of() : activeShards.stream().map(ShardEntry::toState).toList(),
        ShardSet.parse(completedShards),
        completedTally == null ? null : completedTally.toTally());
  }

  /**
   * The status showing {@code state}, with the mirrored fields given.
   *
   * @param processedImages null to keep none
   * @param reusedImages of the processed images, those copied from the previous job
   * @param attempt the highest attempt any shard had (the record remembers attempts of shards that
   *     completed since); 0 for none
   */
  public static BioJobStatus of(
      DispatchState state,
      String phase,
      Integer processedImages,
      Integer failedImages,
      Integer reusedImages,
      int attempt,
      String message,
      List<Condition> conditions,
      Long observedGeneration) {
    return new BioJobStatus(
        phase,
        processedImages,
        failedImages,
        reusedImages,
        state.shardTotal() == 0 ? null : state.completed().size() + "/" + state.shardTotal(),
        Math.max(attempt, state.attempt()) == 0 ? null : Math.max(attempt, state.attempt()),
        ShardEntry.text(state.admittedAt()),
        ShardEntry.text(state.finishedAt()),
        state.shardTotal() == 0 ? null : state.shardTotal(),
        state.completed().size() == 0 ? null : state.completed().toString(),
        state.completed().size() == 0 ? null : Counts.of(state.completedTally()),
        state.shards().isEmpty() ? null : state.shards().stream().map(ShardEntry::of).toList(),
        message,
        conditions,
        observedGeneration);
  }
}
