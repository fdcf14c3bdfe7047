package io.biotrack.launch;

/**
 * The platform cannot start a workload now but may later (ARM throttling, a quota reached): the
 * dispatcher does not count it as an attempt, tells the job why, and tries again later.
 */
public class LaunchDeferredException extends RuntimeException {
  public LaunchDeferredException(String message, Throwable cause) {
    super(message, cause);
  }
}
