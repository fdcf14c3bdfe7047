package io.biotrack.job;

/** A status change the state machine does not allow, e.g. leaving a terminal state. */
public class IllegalTransitionException extends RuntimeException {
  private final JobStatus from;
  private final JobStatus to;

  public IllegalTransitionException(JobStatus from, JobStatus to) {
    super("a job in state " + from + " cannot move to " + to);
    this.from = from;
    this.to = to;
  }

  public JobStatus from() {
    return from;
  }

  public JobStatus to() {
    return to;
  }
}
