package io.biotrack.job;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The job table. Every write after {@link #create} is a compare-and-set on {@link Job#version()}:
 * of two writers holding the same version, exactly one wins and the other gets {@link
 * ConcurrentUpdateException}.
 */
public interface JobStore {

  /** Stores a new record. @throws JobAlreadyExistsException if the id is taken */
  Job create(Job job);

  Optional<Job> find(String tenant, String jobId);

  /** Jobs of one tenant, newest first. */
  JobPage list(String tenant, JobQuery query);

  /**
   * Replaces {@code current} by {@code next} if the stored version still equals {@code
   * current.version()}; validates any status change against the state machine (a terminal state
   * is never left).
   *
   * @return {@code next} with its new version
   * @throws ConcurrentUpdateException if the record changed since {@code current} was read
   * @throws IllegalTransitionException if {@code current.status()} cannot move to {@code
   *     next.status()}
   * @throws JobNotFoundException if the record is gone
   */
  Job compareAndSet(Job current, Job next);

  /** Removes the record. @return false if there was none */
  boolean delete(String tenant, String jobId);

  default Job get(String tenant, String jobId) {
    return find(tenant, jobId).orElseThrow(() -> new JobNotFoundException(tenant, jobId));
  }

  /**
   * Moves a job from {@code expected} to {@code next} with one compare-and-set.
   *
   * @param edit further changes made in the same write (attempt, counts, ...)
   * @throws IllegalTransitionException if the job is not in {@code expected} (or the move is not
   *     allowed); the exception's {@code from()} is the state found
   */
  default Job transition(
      String tenant,
      String jobId,
      JobStatus expected,
      JobStatus next,
      String message,
      Clock clock,
      UnaryOperator<Job> edit) {
    Job current = get(tenant, jobId);
    if (current.status() != expected) {
      throw new IllegalTransitionException(current.status(), next);
    }
    return compareAndSet(current, edit.apply(current.moveTo(next, message, clock.instant())));
  }

  /**
   * Records a worker's progress, retrying lost races with writers that do not change the state.
   *
   * @return the stored job; unchanged when it is no longer PROCESSING (cancelled, failed, ...)
   *     so the caller can stop
   */
  default Job updateProgress(String tenant, String jobId, JobCounts counts, Clock clock) {
    while (true) {
      Job current = get(tenant, jobId);
      if (current.status() != JobStatus.PROCESSING) {
        return current;
      }
      try {
        return compareAndSet(current, current.withCounts(counts, clock.instant()));
      } catch (ConcurrentUpdateException lost) {
        // Someone else wrote; read again and re-check the state.
      }
    }
  }
}
