package io.biotrack.operator.biojob;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.dispatch.DispatchState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * {@code BioJob.status}: the job record's phase and progress, mirrored, plus the operator's own
 * bookkeeping (its {@link DispatchState}: attempt, workload, timestamps) and conditions.
 * Timestamps are RFC 3339 strings, as elsewhere in Kubernetes.
 *
 * @param startedAt when the job was admitted (the active deadline counts from here)
 * @param finishedAt when the operator saw the job finish (the TTL counts from here)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BioJobStatus(
    String phase,
    Integer attempt,
    WorkloadRef workload,
    String startedAt,
    String attemptStartedAt,
    String attemptEndedAt,
    String attemptFailure,
    String finishedAt,
    Integer processedImages,
    Integer failedImages,
    String message,
    List<Condition> conditions,
    Long observedGeneration) {

  public static final BioJobStatus EMPTY =
      new BioJobStatus(null, null, null, null, null, null, null, null, null, null, null, null, null);

  public BioJobStatus {
    conditions = conditions == null ? null : List.copyOf(conditions);
  }

  /** The operator's bookkeeping, as the dispatch policy reads it. */
  @JsonIgnore
  public DispatchState dispatchState() {
    return new DispatchState(
        attempt == null ? 0 : attempt,
        workload == null ? null : workload.toHandle(),
        instant(startedAt),
        instant(attemptStartedAt),
        instant(attemptEndedAt),
        attemptFailure,
        instant(finishedAt));
  }

  /** This status with {@code state}'s bookkeeping. */
  public BioJobStatus withDispatchState(DispatchState state) {
    return new BioJobStatus(
        phase,
        state.attempt(),
        WorkloadRef.of(state.workload()),
        text(state.admittedAt()),
        text(state.attemptStartedAt()),
        text(state.attemptEndedAt()),
        state.attemptFailure(),
        text(state.finishedAt()),
        processedImages,
        failedImages,
        message,
        conditions,
        observedGeneration);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
