package io.biotrack.operator.reconciler;

import io.biotrack.dispatch.Decision;
import io.biotrack.dispatch.DispatchState;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code BioJob.status} from the job record (phase, counts, message), the operator's
 * dispatch state and what it last observed, with the conditions {@code Admitted},
 * {@code WorkloadReady}, {@code Succeeded} and {@code Failed}.
 */
final class StatusMirror {
  static final String ADMITTED = "Admitted";
  static final String WORKLOAD_READY = "WorkloadReady";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";

  BioJobStatus status(
      BioJob resource,
      Job job,
      DispatchState state,
      WorkloadStatus observed,
      Decision decision,
      Instant now) {
    BioJobStatus previous = resource.currentStatus();
    String phase = job != null ? job.status().name() : previous.phase();
    String message = message(job, state, decision, previous);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(admitted(state, decision));
    conditions.add(workloadReady(state, observed, decision));
    conditions.add(outcome(SUCCEEDED, job, JobStatus.COMPLETED));
    conditions.add(outcome(FAILED, job, null));
    Long generation = resource.getMetadata().getGeneration();
    return new BioJobStatus(
            phase,
            null, null, null, null, null, null, null,
            job != null ? job.counts().processedCount() : previous.processedImages(),
            job != null ? job.counts().failedCount() : previous.failedImages(),
            message,
            Conditions.merge(previous.conditions(), conditions, now, generation),
            generation)
        .withDispatchState(state);
  }

  private static String message(
      Job job, DispatchState state, Decision decision, BioJobStatus previous) {
    if (job == null) {
      return "the job record no longer exists";
    }
    if (job.message() != null) {
      return job.message();
    }
    if (decision instanceof Decision.Wait wait && !job.isTerminal()) {
      return wait.reason();
    }
    if (job.isTerminal()) {
      return null;
    }
    return state.attemptFailure() != null ? state.attemptFailure() : previous.message();
  }

  private static Condition admitted(DispatchState state, Decision decision) {
    if (state.attempt() > 0) {
      return condition(ADMITTED, true, "Admitted", "admitted; attempt " + state.attempt());
    }
    String why = decision instanceof Decision.Wait wait ? wait.reason() : "not admitted yet";
    return condition(ADMITTED, false, "Waiting", why);
  }

  private static Condition workloadReady(
      DispatchState state, WorkloadStatus observed, Decision decision) {
    if (state.workload() == null) {
      return condition(WORKLOAD_READY, false, "NoWorkload", "no workload is running");
    }
    String name = state.workload().name();
    if (decision instanceof Decision.Launch || observed.phase() == WorkloadPhase.NOT_FOUND) {
      return condition(WORKLOAD_READY, false, "Launched", name + " was launched");
    }
    return switch (observed.phase()) {
      case RUNNING -> condition(WORKLOAD_READY, true, "Running", name + " is running");
      case WAITING -> condition(WORKLOAD_READY, false, "Starting", name + " is starting");
      default -> condition(WORKLOAD_READY, false, "Ended", name + " ended");
    };
  }

  /** Succeeded: COMPLETED. Failed ({@code wanted} null): FAILED or CANCELLED. */
  private static Condition outcome(String type, Job job, JobStatus wanted) {
    JobStatus status = job == null ? null : job.status();
    boolean matches =
        wanted != null
            ? status == wanted
            : status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    String reason = matches ? capitalized(status) : "NotYet";
    String message = matches ? (job.message() != null ? job.message() : status.name()) : "";
    return condition(type, matches, reason, message);
  }

  private static String capitalized(JobStatus status) {
    String name = status.name();
    return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .build();
  }
}
