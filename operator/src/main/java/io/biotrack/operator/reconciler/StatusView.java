package io.biotrack.operator.reconciler;

import io.biotrack.dispatch.Decision;
import io.biotrack.dispatch.DispatchEngine.Round;
import io.biotrack.dispatch.DispatchState;
import io.biotrack.dispatch.ShardState;
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
import java.util.Locale;

/**
 * Builds {@code BioJob.status} from what a dispatch round left: the job record (phase, counts,
 * message), the dispatch state (the shards) and what was observed of the workloads, with the
 * conditions {@code Admitted}, {@code WorkloadsRunning}, {@code Succeeded} and {@code Failed}.
 */
final class StatusView {
  static final String ADMITTED = "Admitted";
  static final String WORKLOADS_RUNNING = "WorkloadsRunning";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";

  private StatusView() {}

  static BioJobStatus status(BioJob resource, Round round, Instant now) {
    BioJobStatus previous = resource.currentStatus();
    Job job = round.job();
    DispatchState state = round.state();
    Decision.Wait wait = wait(round.decisions());
    List<Condition> conditions = new ArrayList<>();
    conditions.add(admitted(state, wait));
    conditions.add(workloadsRunning(state, round));
    conditions.add(outcome(SUCCEEDED, job, JobStatus.COMPLETED));
    conditions.add(outcome(FAILED, job, null));
    Long generation = resource.getMetadata().getGeneration();
    return BioJobStatus.of(
        state,
        job != null ? job.status().name() : previous.phase(),
        job != null ? job.counts().processedCount() : previous.processedImages(),
        job != null ? job.counts().failedCount() : previous.failedImages(),
        job != null ? job.counts().reusedCount() : previous.reusedImages(),
        job != null ? job.attempt() : previous.attempt() == null ? 0 : previous.attempt(),
        message(job, wait, previous),
        Conditions.merge(previous.conditions(), conditions, now, generation),
        generation);
  }

  /**
   * What people read first: the record's own message (a failure, a cancel, a launch that waits for
   * Azure), else why the job waits; nothing once it completed.
   */
  private static String message(Job job, Decision.Wait wait, BioJobStatus previous) {
    if (job == null) {
      return "the job record no longer exists";
    }
    if (job.message() != null) {
      return job.message();
    }
    if (job.isTerminal()) {
      return null;
    }
    return wait != null ? wait.reason() : previous.message();
  }

  private static Condition admitted(DispatchState state, Decision.Wait wait) {
    if (state.admittedAt() != null) {
      return condition(ADMITTED, true, "Admitted", "admitted at " + state.admittedAt());
    }
    return condition(ADMITTED, false, "Waiting", wait != null ? wait.reason() : "not admitted yet");
  }

  /** True while at least one shard's worker runs; says how many of how many. */
  private static Condition workloadsRunning(DispatchState state, Round round) {
    int workloads = state.workloads();
    if (workloads == 0) {
      return condition(WORKLOADS_RUNNING, false, "NoWorkload", "no workload is running");
    }
    int running = 0;
    for (ShardState shard : state.shards()) {
      WorkloadStatus observed = round.observed().get(shard.shard());
      if (shard.running() && observed != null && observed.phase() == WorkloadPhase.RUNNING) {
        running++;
      }
    }
    String counts =
        running
            + " of "
            + workloads
            + " workload(s) running; "
            + state.completed().size()
            + " of "
            + state.shardTotal()
            + " shard(s) completed";
    return running > 0
        ? condition(WORKLOADS_RUNNING, true, "Running", counts)
        : condition(WORKLOADS_RUNNING, false, "Starting", counts);
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

  private static Decision.Wait wait(List<Decision> decisions) {
    for (Decision decision : decisions) {
      if (decision instanceof Decision.Wait wait) {
        return wait;
      }
    }
    return null;
  }

  private static String capitalized(JobStatus status) {
    String name = status.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
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
