package io.biotrack.dispatch;

import io.biotrack.dispatch.Decision.Cancel;
import io.biotrack.dispatch.Decision.EndAttempt;
import io.biotrack.dispatch.Decision.Fail;
import io.biotrack.dispatch.Decision.Finish;
import io.biotrack.dispatch.Decision.Launch;
import io.biotrack.dispatch.Decision.Remove;
import io.biotrack.dispatch.Decision.Wait;
import io.biotrack.job.Job;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadNames;
import io.biotrack.launch.WorkloadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The dispatch decisions, shared by the operator's reconciler and the embedded dispatcher: a pure
 * function of what was observed ({@link DispatchInput}) to the next step ({@link Decision}). No
 * I/O, no clock of its own.
 *
 * <p>The job record's {@code attempt} is the truth about which attempt should run: a dispatcher
 * that crashed after moving the record to attempt k but before noting its workload launches
 * attempt k again, which finds the existing workload by its deterministic name instead of
 * starting a second one.
 */
public final class DispatchPolicy {
  private final DispatchSettings settings;

  public DispatchPolicy(DispatchSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public DispatchSettings settings() {
    return settings;
  }

  public Decision decide(DispatchInput in) {
    Job job = in.job();
    DispatchState state = in.state();
    if (job == null) {
      // The record was deleted (a finished job removed by its owner): nothing left to track.
      return state.workload() != null
          ? new EndAttempt(state.workload(), null)
          : new Remove("the job record no longer exists");
    }
    if (job.isTerminal()) {
      return afterTerminal(in);
    }
    if (in.cancelRequested()) {
      return new Cancel("cancelled by request");
    }
    if (deadlinePassed(in)) {
      return new Fail(
          "exceeded the active deadline of " + in.limits().activeDeadline().toSeconds() + " s");
    }
    return switch (job.status()) {
      case PENDING -> new Wait("the job has not been started", settings.pollInterval());
      case QUEUED -> admit(in);
      case LAUNCHING, PROCESSING -> track(in);
      default -> throw new AssertionError(job.status());
    };
  }

  private Decision afterTerminal(DispatchInput in) {
    DispatchState state = in.state();
    if (state.workload() != null) {
      return new EndAttempt(state.workload(), null);
    }
    if (state.finishedAt() == null) {
      return new Finish(in.job().status());
    }
    Duration ttl = in.limits().ttlAfterFinished();
    if (ttl == null) {
      return new Wait("finished", null);
    }
    Instant removeAt = state.finishedAt().plus(ttl);
    if (in.now().isBefore(removeAt)) {
      return new Wait("finished; removed after its TTL", Duration.between(in.now(), removeAt));
    }
    return new Remove("ttlSecondsAfterFinished elapsed");
  }

  private boolean deadlinePassed(DispatchInput in) {
    Duration deadline = in.limits().activeDeadline();
    Instant admittedAt = in.state().admittedAt();
    return deadline != null && admittedAt != null && !in.now().isBefore(admittedAt.plus(deadline));
  }

  private Decision admit(DispatchInput in) {
    Capacity capacity = in.capacity();
    int max = settings.maxConcurrentWorkloads();
    if (capacity.activeWorkloads() + capacity.waitingAhead() < max) {
      return new Launch(1);
    }
    // No counts in the reason: it is mirrored into status, and a text that changed with every
    // admission would rewrite the status of every waiting job each time.
    return new Wait(
        "waiting for capacity: at most " + max + " workloads run at once",
        settings.pollInterval());
  }

  private Decision track(DispatchInput in) {
    Job job = in.job();
    DispatchState state = in.state();
    int attempt = job.attempt();
    WorkloadHandle workload = state.workload();
    if (attempt < 1) {
      // Another writer moved the job on without an attempt; a first attempt is still owed.
      return new Launch(1);
    }
    if (workload != null && !workload.name().equals(WorkloadNames.of(job.id(), attempt))) {
      return new EndAttempt(workload, null); // a leftover of an earlier attempt
    }
    if (state.attempt() < attempt || (workload == null && state.attemptEndedAt() == null)) {
      return new Launch(attempt); // resumes a launch that was cut short
    }
    if (workload != null) {
      return observe(in, attempt, workload);
    }
    return retryOrFail(in, attempt);
  }

  private Decision observe(DispatchInput in, int attempt, WorkloadHandle workload) {
    WorkloadStatus observed = in.workload();
    return switch (observed.phase()) {
      case WAITING -> new Wait("attempt " + attempt + " is starting", settings.pollInterval());
      case RUNNING -> new Wait("attempt " + attempt + " is running", settings.pollInterval());
      case SUCCEEDED ->
          new EndAttempt(
              workload,
              "attempt " + attempt + " exited 0 but left the job " + in.job().status());
      case NOT_FOUND -> new EndAttempt(workload, "attempt " + attempt + "'s workload disappeared");
      case FAILED -> {
        Integer exit = observed.exitCode();
        String failure = "attempt " + attempt + " failed" + describe(observed);
        if (exit != null && exit == WorkerExitCodes.BAD_CONFIGURATION) {
          // Another attempt would meet the same configuration: fail now, clean up next.
          yield new Fail(failure + ": the worker reported a configuration error");
        }
        if (exit != null && exit == WorkerExitCodes.OUT_OF_MEMORY) {
          // Retried like any failed attempt: the next one resumes from the checkpoint, which
          // names an image whose decode was in flight, and records that image as a failure.
          yield new EndAttempt(workload, failure + ": the worker ran out of memory");
        }
        yield new EndAttempt(workload, failure);
      }
    };
  }

  private Decision retryOrFail(DispatchInput in, int attempt) {
    DispatchState state = in.state();
    String failure =
        state.attemptFailure() != null ? state.attemptFailure() : "attempt " + attempt + " ended";
    if (attempt >= in.limits().maxAttempts()) {
      return new Fail("gave up after " + attempt + " attempt(s); last: " + failure);
    }
    Instant retryAt = state.attemptEndedAt().plus(settings.backoffAfter(attempt));
    if (in.now().isBefore(retryAt)) {
      return new Wait(
          failure + "; attempt " + (attempt + 1) + " follows", Duration.between(in.now(), retryAt));
    }
    return new Launch(attempt + 1);
  }

  private static String describe(WorkloadStatus observed) {
    StringBuilder out = new StringBuilder();
    if (observed.exitCode() != null) {
      out.append(" with exit code ").append(observed.exitCode());
    }
    if (observed.reason() != null && !observed.reason().isBlank()) {
      out.append(" (").append(observed.reason()).append(')');
    }
    return out.toString();
  }
}
