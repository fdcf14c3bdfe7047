package io.biotrack.launch;

import java.util.Objects;

/**
 * The platform cannot start a workload now but may later (ARM throttling, a quota reached): the
 * dispatcher does not count it as an attempt, tells the job why, and tries again later.
 */
public class LaunchDeferredException extends RuntimeException {
  /** The reason when a launcher names none. */
  public static final String DEFERRED = "LaunchDeferred";

  private final String reason;

  public LaunchDeferredException(String message, Throwable cause) {
    this(DEFERRED, message, cause);
  }

  /**
   * @param reason a short CamelCase reason for events and metrics ({@code LaunchThrottled}, {@code
   *     QuotaExceeded}); the message is the sentence people read
   */
  public LaunchDeferredException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public String reason() {
    return reason;
  }

  /** What a dispatcher keeps of it. */
  public Deferral deferral() {
    return new Deferral(reason, getMessage());
  }

  /**
   * Why a launch waits for the platform.
   *
   * @param reason as {@link #reason()}
   * @param message the platform's own words, for the job and its events
   */
  public record Deferral(String reason, String message) {
    public Deferral {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
