package io.biotrack.job;

import java.time.Clock;
import java.time.Instant;
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

  /**
   * Whether {@link #find} would answer now without waiting: no network, no lock, no free session to
   * wait for; true only for an in-process store with a session free at this moment. A reactive
   * caller may then run the look-up on its own thread instead of handing it to a thread that may
   * block (a hop that costs more than the look-up itself). A hint, not a promise: false is always
   * safe.
   */
  default boolean findsWithoutWaiting() {
    return false;
  }

  /** Jobs of one tenant, newest first. */
  JobPage list(String tenant, JobQuery query);

  /** The most jobs one {@link #listByStatus} page holds. */
  int MAX_SCAN_LIMIT = 1000;

  /**
   * The job with this id, whichever tenant owns it (job ids are unique across tenants). Only for
   * the platform's own work, where the tenant is not known but the id is proven: a signed URL, a
   * queue message. A user's request uses {@link #find(String, String)} with the caller's tenant, so
   * other tenants' jobs stay invisible. Slower than {@code find} on Azure (a query across
   * partitions).
   *
   * @return empty also for a string that is not a job id
   */
  Optional<Job> findById(String jobId);

  /**
   * One page of the jobs of all tenants in {@code status}, for background work (re-sending stuck
   * messages, following running jobs); never for a user's request. Pages come in (tenant, id) order
   * and are complete: paging on {@code nextCursor} sees every job that stays in {@code status}
   * meanwhile exactly once.
   *
   * @param updatedBefore only jobs last updated strictly before this; null for any time
   * @param limit 1 to {@link #MAX_SCAN_LIMIT}
   * @param cursor the {@code nextCursor} of the previous page; null for the first
   * @throws IllegalArgumentException for a cursor this method did not make
   */
  JobPage listByStatus(JobStatus status, Instant updatedBefore, int limit, String cursor);

  /**
   * Replaces {@code current} by {@code next} if the stored version still equals {@code
   * current.version()}; validates any status change against the state machine (a terminal state is
   * never left).
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
   * @return the stored job; unchanged when it is no longer PROCESSING (cancelled, failed, ...) so
   *     the caller can stop
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
