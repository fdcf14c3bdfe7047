package io.biotrack.dispatch;

import io.biotrack.dispatch.Decision.Cancel;
import io.biotrack.dispatch.Decision.EndAttempt;
import io.biotrack.dispatch.Decision.Fail;
import io.biotrack.dispatch.Decision.Finish;
import io.biotrack.dispatch.Decision.Launch;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import java.time.Clock;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Carries out a {@link Decision} against the job record and a launcher: the "act" between the
 * policy's decide and the dispatcher's own bookkeeping write. Each action is idempotent, so
 * repeating one after a crash (or after reading a stale dispatch state) does no harm.
 *
 * <p>The record writes are the dispatcher's share of the state machine: QUEUED → LAUNCHING
 * (attempt 1), → LAUNCHING again with the next attempt (retry), → FAILED, → CANCELLED.
 */
public final class DispatchActions {
  private final JobStore store;
  private final Clock clock;

  public DispatchActions(JobStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The record and dispatch state after an action. */
  public record Outcome(Job job, DispatchState state) {}

  /**
   * Applies {@code decision}; {@link Decision.Wait} and {@link Decision.Remove} change nothing here (removing the
   * dispatch record is the caller's).
   *
   * @param requests the launch request of attempt k
   * @throws io.biotrack.job.ConcurrentUpdateException when another writer changed the record
   *     first: observe again and decide again
   */
  public Outcome apply(
      Decision decision,
      Job job,
      DispatchState state,
      WorkerLauncher launcher,
      IntFunction<LaunchRequest> requests) {
    if (decision instanceof Launch launch) {
      Job launching = moveToLaunching(job, launch.attempt());
      WorkloadHandle handle = launcher.launch(requests.apply(launch.attempt()));
      return new Outcome(launching, state.launched(launch.attempt(), handle, clock.instant()));
    }
    if (decision instanceof EndAttempt end) {
      launcher.delete(end.workload());
      return new Outcome(job, state.attemptEnded(end.failure(), clock.instant()));
    }
    if (decision instanceof Fail fail) {
      return new Outcome(finish(job, JobStatus.FAILED, fail.message()), state);
    }
    if (decision instanceof Cancel cancel) {
      return new Outcome(finish(job, JobStatus.CANCELLED, cancel.message()), state);
    }
    if (decision instanceof Finish) {
      return new Outcome(job, state.finished(clock.instant()));
    }
    return new Outcome(job, state); // Wait, Remove
  }

  /**
   * The record at LAUNCHING with {@code attempt}: written unless it is there already. A record
   * already PROCESSING with this attempt is left alone: the dispatcher stopped after launching
   * and before noting the workload, and the worker has started since; launching again only finds
   * that workload by its name.
   */
  Job moveToLaunching(Job job, int attempt) {
    boolean underway = job.status() == JobStatus.LAUNCHING || job.status() == JobStatus.PROCESSING;
    if (underway && job.attempt() == attempt) {
      return job;
    }
    boolean next = attempt == job.attempt() + 1;
    if (!next) {
      throw new IllegalStateException(
          "job " + job.id() + " is at attempt " + job.attempt() + ", cannot launch " + attempt);
    }
    return store.compareAndSet(
        job, job.moveTo(JobStatus.LAUNCHING, null, clock.instant()).withAttempt(attempt));
  }

  private Job finish(Job job, JobStatus outcome, String message) {
    if (job.isTerminal()) {
      return job;
    }
    return store.compareAndSet(job, job.moveTo(outcome, message, clock.instant()));
  }
}
