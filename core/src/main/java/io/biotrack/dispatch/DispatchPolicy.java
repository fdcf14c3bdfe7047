package io.biotrack.dispatch;

import io.biotrack.dispatch.Decision.Cancel;
import io.biotrack.dispatch.Decision.Complete;
import io.biotrack.dispatch.Decision.EndAttempt;
import io.biotrack.dispatch.Decision.Fail;
import io.biotrack.dispatch.Decision.Finish;
import io.biotrack.dispatch.Decision.Launch;
import io.biotrack.dispatch.Decision.Merge;
import io.biotrack.dispatch.Decision.Remove;
import io.biotrack.dispatch.Decision.Report;
import io.biotrack.dispatch.Decision.Seen;
import io.biotrack.dispatch.Decision.Wait;
import io.biotrack.job.Inference;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.ShardCounts;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.shard.ShardPlan;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.ShardSet;
import io.biotrack.shard.Tally;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dispatch decisions, shared by the operator and the embedded dispatcher: a pure function of
 * what was observed ({@link DispatchInput}) to the steps to take ({@link Decision}s). No I/O, no
 * clock of its own.
 *
 * <p>A started job is cut into shards ({@link ShardPlan}); each shard runs as its own workload with
 * its own attempts, a failed shard is retried alone from its checkpoint, and the job completes once
 * every shard's results are written. Cancel, deadline and a worker's configuration error end every
 * workload of the job.
 */
public final class DispatchPolicy {
  private final DispatchSettings settings;

  public DispatchPolicy(DispatchSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public DispatchSettings settings() {
    return settings;
  }

  public List<Decision> decide(DispatchInput in) {
    Job job = in.job();
    DispatchState state = in.state();
    if (job == null) {
      // The record was deleted (a finished job removed by its owner): nothing left to track.
      List<Decision> ends = endAll(state);
      return ends.isEmpty() ? List.of(new Remove("the job record no longer exists")) : ends;
    }
    if (job.isTerminal()) {
      return afterTerminal(in);
    }
    if (in.cancelRequested()) {
      return List.of(new Cancel("cancelled by request"));
    }
    if (deadlinePassed(in)) {
      return List.of(
          new Fail(
              "exceeded the active deadline of "
                  + in.limits().activeDeadline().toSeconds()
                  + " s"));
    }
    if (job.status() == JobStatus.PENDING) {
      return List.of(new Wait("the job has not been started", settings.pollInterval()));
    }
    if (job.manifestId() == null || job.counts().imageCount() == 0) {
      return List.of(new Fail("the job has no files to process; create a new job and start it"));
    }
    return dispatch(in, new ShardPlan(job.counts().imageCount(), job.options().shardSize()));
  }

  /** QUEUED, LAUNCHING or PROCESSING: follow the shards, launch what may run, report. */
  private List<Decision> dispatch(DispatchInput in, ShardPlan plan) {
    DispatchState state = in.state();
    List<Decision> steps = new ArrayList<>();
    List<Launch> candidates = new ArrayList<>();
    ShardSet completed = state.completed();
    Tally tally = state.completedTally();
    int running = 0;
    int failedWaiting = 0; // shards whose last attempt failed, not running now
    boolean started = completed.size() > 0;
    Instant nextRetry = null;
    String retryReason = null;

    // Where the workers run their model, as they report it (kept once the reports are gone).
    Inference inference = in.job() != null ? in.job().shards().inference() : null;
    for (ShardState shard : state.shards()) {
      ShardProgress progress = in.progress().get(shard.shard());
      if (progress != null && progress.inference() != null) {
        inference = progress.inference();
      }
      if (progress != null && progress.complete()) {
        // Complete whatever its workload says: the shard's results are whole.
        if (shard.running()) {
          steps.add(new EndAttempt(shard.shard(), shard.workload(), null));
        }
        steps.add(new Complete(shard.shard(), progress.tally()));
        completed = completed.with(shard.shard());
        tally = tally.plus(progress.tally());
        started = true;
        continue;
      }
      Tally seen = shard.seen();
      if (progress != null && progress.processed() > seen.processed()) {
        seen = progress.tally();
        steps.add(new Seen(shard.shard(), seen));
      }
      tally = tally.plus(seen);
      started |= seen.processed() > 0;
      if (shard.running()) {
        WorkloadStatus observed =
            in.workloads().getOrDefault(shard.shard(), WorkloadStatus.NOT_FOUND);
        String failure = failure(plan, shard, observed);
        if (failure == null) {
          running++;
          started |= observed.phase() == WorkloadPhase.RUNNING;
          continue;
        }
        Integer exit = observed.exitCode();
        if (observed.phase() == WorkloadPhase.FAILED
            && exit != null
            && exit == WorkerExitCodes.BAD_CONFIGURATION) {
          // Every other attempt would meet the same configuration: fail the job now; its
          // workloads are ended once it is terminal.
          return List.of(new Fail(failure + ": the worker reported a configuration error"));
        }
        steps.add(
            new EndAttempt(
                shard.shard(),
                shard.workload(),
                failure,
                exit != null && WorkerExitCodes.stopped(exit)));
        failedWaiting++;
        continue; // retried in a later round, after its backoff
      }
      // Launched before, not running, not complete: its last attempt failed.
      failedWaiting++;
      String last =
          shard.attemptFailure() != null
              ? shard.attemptFailure()
              : "attempt " + shard.attempt() + " ended";
      if (shard.countedAttempts() >= in.limits().maxAttempts()) {
        // Stopped attempts are not failures: up to ShardState.FREE_STOPS of them are not counted.
        return List.of(
            new Fail(
                "gave up on "
                    + plan.describe(shard.shard())
                    + " after "
                    + shard.attempt()
                    + " attempt(s)"
                    + (shard.stops() > 0 ? ", " + shard.stops() + " of them stopped" : "")
                    + "; last: "
                    + last));
      }
      Instant retryAt =
          (shard.attemptEndedAt() == null ? in.now() : shard.attemptEndedAt())
              .plus(settings.backoffAfter(shard.attempt()));
      if (in.now().isBefore(retryAt)) {
        if (nextRetry == null || retryAt.isBefore(nextRetry)) {
          nextRetry = retryAt;
          retryReason = last + "; attempt " + (shard.attempt() + 1) + " follows";
        }
      } else {
        candidates.add(new Launch(shard.shard(), shard.attempt() + 1));
      }
    }

    int shards = plan.count();
    if (completed.containsAll(shards)) {
      steps.add(new Merge(shards, tally, inference));
      return steps;
    }
    // Shards never launched, in order: only as many as may start now.
    for (int i = 0; i < shards && candidates.size() < in.grant(); i++) {
      if (!completed.contains(i) && state.shard(i).isEmpty()) {
        candidates.add(new Launch(i, 1));
      }
    }
    List<Launch> launches = candidates.subList(0, Math.min(in.grant(), candidates.size()));
    steps.addAll(launches);

    int retries = (int) launches.stream().filter(l -> l.attempt() > 1).count();
    Job job = in.job();
    JobStatus phase =
        job.status() == JobStatus.LAUNCHING && started ? JobStatus.PROCESSING : job.status();
    steps.add(
        new Report(
            phase,
            tally,
            new ShardCounts(
                shards,
                running + launches.size(),
                completed.size(),
                failedWaiting - retries,
                inference),
            Math.max(
                state.attempt(), launches.stream().mapToInt(Launch::attempt).max().orElse(0))));
    if (launches.isEmpty()) {
      steps.add(waiting(in, plan, running, nextRetry, retryReason));
    }
    return steps;
  }

  /** Why a running shard's attempt is over; null while it still runs. */
  private static String failure(ShardPlan plan, ShardState shard, WorkloadStatus observed) {
    String attempt = plan.describe(shard.shard()) + " attempt " + shard.attempt();
    return switch (observed.phase()) {
      case WAITING, RUNNING -> null;
      case SUCCEEDED -> attempt + " exited 0 without finishing its shard";
      case NOT_FOUND -> attempt + "'s workload disappeared";
      case FAILED ->
          observed.exitCode() != null && WorkerExitCodes.stopped(observed.exitCode())
              ? attempt
                  + " was stopped (exit code "
                  + observed.exitCode()
                  + "); the next attempt"
                  + " resumes from its checkpoint"
              : attempt + " failed" + describe(observed);
    };
  }

  private Wait waiting(
      DispatchInput in, ShardPlan plan, int running, Instant nextRetry, String retryReason) {
    if (running > 0) {
      return new Wait("processing", settings.pollInterval());
    }
    if (nextRetry != null) {
      Duration untilRetry = Duration.between(in.now(), nextRetry);
      return new Wait(
          retryReason,
          untilRetry.compareTo(settings.pollInterval()) < 0 ? untilRetry : settings.pollInterval());
    }
    // No reason text with counts: it is mirrored into status, and a text that changed with every
    // admission would rewrite the status of every waiting job each time.
    return new Wait(
        "waiting for capacity: at most "
            + settings.maxConcurrentWorkloads()
            + " workloads run at once",
        settings.pollInterval());
  }

  private List<Decision> afterTerminal(DispatchInput in) {
    DispatchState state = in.state();
    List<Decision> ends = endAll(state);
    if (!ends.isEmpty()) {
      return ends;
    }
    if (state.finishedAt() == null) {
      return List.of(new Finish(in.job().status()));
    }
    Duration ttl = in.limits().ttlAfterFinished();
    if (ttl == null) {
      return List.of(new Wait("finished", null));
    }
    Instant removeAt = state.finishedAt().plus(ttl);
    if (in.now().isBefore(removeAt)) {
      return List.of(
          new Wait("finished; removed after its TTL", Duration.between(in.now(), removeAt)));
    }
    return List.of(new Remove("ttlSecondsAfterFinished elapsed"));
  }

  /** Ends every workload the job still has (its shards stop; cost stops). */
  private static List<Decision> endAll(DispatchState state) {
    List<Decision> ends = new ArrayList<>();
    for (ShardState shard : state.shards()) {
      if (shard.running()) {
        ends.add(new EndAttempt(shard.shard(), shard.workload(), null));
      }
    }
    return ends;
  }

  private boolean deadlinePassed(DispatchInput in) {
    Duration deadline = in.limits().activeDeadline();
    Instant admittedAt = in.state().admittedAt();
    return deadline != null && admittedAt != null && !in.now().isBefore(admittedAt.plus(deadline));
  }

  private static String describe(WorkloadStatus observed) {
    StringBuilder out = new StringBuilder();
    Integer exit = observed.exitCode();
    if (exit != null) {
      out.append(" with exit code ").append(exit);
      if (exit == WorkerExitCodes.OUT_OF_MEMORY) {
        out.append(" (it ran out of memory)");
      }
    }
    if (observed.reason() != null && !observed.reason().isBlank()) {
      out.append(" (").append(observed.reason()).append(')');
    }
    return out.toString();
  }
}
