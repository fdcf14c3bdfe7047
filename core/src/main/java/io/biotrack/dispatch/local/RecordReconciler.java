package io.biotrack.dispatch.local;

import io.biotrack.dispatch.Decision;
import io.biotrack.dispatch.DispatchActions;
import io.biotrack.dispatch.DispatchActions.Outcome;
import io.biotrack.dispatch.DispatchInput;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchState;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.Job;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tracked job, one pass: observe (workload first, then the job record) → decide ({@link
 * DispatchPolicy}, the operator's too) → act ({@link DispatchActions}) → save the record, repeated
 * while the next step needs no waiting. The embedded counterpart of the operator's reconciler.
 */
final class RecordReconciler {
  private static final Logger log = LoggerFactory.getLogger(RecordReconciler.class);
  /** Steps per pass; a job's whole life takes fewer, the bound only stops a livelock. */
  private static final int MAX_STEPS = 8;
  /** When a decision names no time to look again (a finished job kept without a TTL). */
  private static final Duration IDLE_RECHECK = Duration.ofMinutes(1);

  private final JobStore jobs;
  private final DispatchRecordStore records;
  private final WorkerLauncher launcher;
  private final DispatchPolicy policy;
  private final DispatchActions actions;
  private final LocalDispatcherSettings settings;
  private final LocalAdmission admission;
  private final Clock clock;

  RecordReconciler(
      JobStore jobs,
      DispatchRecordStore records,
      WorkerLauncher launcher,
      DispatchPolicy policy,
      LocalDispatcherSettings settings,
      LocalAdmission admission,
      Clock clock) {
    this.jobs = jobs;
    this.records = records;
    this.launcher = launcher;
    this.policy = policy;
    this.actions = new DispatchActions(jobs, clock);
    this.settings = settings;
    this.admission = admission;
    this.clock = clock;
  }

  /** @return when to look at the job again; null once its record was removed */
  Instant reconcile(DispatchRecord record) {
    DispatchRecord current = record;
    for (int step = 0; step < MAX_STEPS; step++) {
      DispatchState state = current.state();
      WorkloadStatus observed =
          state.workload() == null ? WorkloadStatus.NOT_FOUND : launcher.status(state.workload());
      Job job = jobs.find(current.tenant(), current.jobId()).orElse(null);
      Decision decision =
          policy.decide(
              new DispatchInput(
                  job, state, observed, false, settings.limits(),
                  admission.capacityFor(current), clock.instant()));

      if (decision instanceof Decision.Remove remove) {
        log.debug("forgetting job {}: {}", current.jobId(), remove.reason());
        records.delete(current.tenant(), current.jobId());
        admission.remove(current.jobId());
        return null;
      }
      Outcome outcome;
      try {
        outcome = act(current, decision, job, state);
      } catch (ConcurrentUpdateException lost) {
        continue; // another writer (the worker, a cancel) changed the record: observe again
      }
      report(current, decision, outcome);
      if (!outcome.state().equals(state)) {
        current = current.withState(outcome.state());
        records.save(current);
      }
      admission.update(current);
      if (decision instanceof Decision.Wait wait) {
        Duration after = wait.recheckAfter() == null ? IDLE_RECHECK : wait.recheckAfter();
        return clock.instant().plus(after);
      }
    }
    return clock.instant().plus(policy.settings().pollInterval());
  }

  private Outcome act(DispatchRecord record, Decision decision, Job job, DispatchState state) {
    try {
      return actions.apply(decision, job, state, launcher, attempt -> request(record, attempt));
    } catch (ConcurrentUpdateException lost) {
      throw lost;
    } catch (RuntimeException e) {
      if (!(decision instanceof Decision.Launch)) {
        throw e;
      }
      // Starting a local process fails for reasons another attempt would meet too (no java,
      // no worker jar, no permission): fail the job with the reason instead of retrying forever.
      log.error("job {}: could not start a worker", record.jobId(), e);
      Job fresh = jobs.get(record.tenant(), record.jobId());
      return actions.apply(
          new Decision.Fail("could not start a worker: " + e.getMessage()), fresh, state, launcher,
          attempt -> request(record, attempt));
    }
  }

  private LaunchRequest request(DispatchRecord record, int attempt) {
    return new LaunchRequest(record.jobId(), record.tenant(), attempt, settings.resources());
  }

  private static void report(DispatchRecord record, Decision decision, Outcome outcome) {
    String job = record.jobId();
    if (decision instanceof Decision.Launch launch) {
      log.info(
          "job {}: attempt {} runs as process {} ({})",
          job, launch.attempt(), outcome.state().workload().id(), outcome.state().workload().name());
    } else if (decision instanceof Decision.EndAttempt end) {
      if (end.failure() != null) {
        log.warn("job {}: {}", job, end.failure());
      } else {
        log.debug("job {}: cleaned up {}", job, end.workload().name());
      }
    } else if (decision instanceof Decision.Fail fail) {
      log.warn("job {}: FAILED: {}", job, fail.message());
    } else if (decision instanceof Decision.Finish finish) {
      log.info("job {}: {}", job, finish.outcome());
    }
  }
}
