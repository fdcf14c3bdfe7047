package io.biotrack.embedded.dispatch;

import io.biotrack.dispatch.DispatchState;
import java.time.Instant;
import java.util.Objects;

/**
 * The embedded dispatcher's row for one job it tracks: its counterpart of a BioJob. Kept in the
 * local database so a restarted dispatcher knows which workloads it launched.
 *
 * @param queuedAt when the dispatcher took the job from the queue (admission order)
 */
public record DispatchRecord(String tenant, String jobId, Instant queuedAt, DispatchState state) {

  public DispatchRecord {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(queuedAt, "queuedAt");
    Objects.requireNonNull(state, "state");
  }

  public static DispatchRecord queued(String tenant, String jobId, Instant now) {
    return new DispatchRecord(tenant, jobId, now, DispatchState.NEW);
  }

  public DispatchRecord withState(DispatchState next) {
    return new DispatchRecord(tenant, jobId, queuedAt, next);
  }
}
