package io.biotrack.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * A job's lifecycle: {@code PENDING → QUEUED → LAUNCHING → PROCESSING → COMPLETED | FAILED |
 * CANCELLED}. Any non-terminal state may go to FAILED or CANCELLED; a terminal state is final.
 */
public enum JobStatus {
  PENDING,
  QUEUED,
  LAUNCHING,
  PROCESSING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The states this one may move to, not counting staying where it is. */
  public Set<JobStatus> successors() {
    if (isTerminal()) {
      return EnumSet.noneOf(JobStatus.class);
    }
    EnumSet<JobStatus> next = EnumSet.of(FAILED, CANCELLED);
    switch (this) {
      case PENDING -> next.add(QUEUED);
      case QUEUED -> next.add(LAUNCHING);
      // LAUNCHING → LAUNCHING is a new attempt after a workload that never started.
      case LAUNCHING -> next.addAll(EnumSet.of(LAUNCHING, PROCESSING));
      // PROCESSING → LAUNCHING is a retry: a new attempt after a failed or lost worker.
      case PROCESSING -> next.addAll(EnumSet.of(LAUNCHING, COMPLETED));
      default -> throw new AssertionError(this);
    }
    return next;
  }

  public boolean canMoveTo(JobStatus next) {
    return successors().contains(next);
  }

  /**
   * @throws IllegalTransitionException when {@code next} is not a successor of this state
   */
  public void checkMoveTo(JobStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException(this, next);
    }
  }
}
