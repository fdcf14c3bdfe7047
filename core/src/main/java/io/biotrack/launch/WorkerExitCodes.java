package io.biotrack.launch;

/** The worker's exit codes in job mode ({@code run-job}, one shard), as launchers report them. */
public final class WorkerExitCodes {
  private WorkerExitCodes() {}

  /** The shard's results and its complete progress report are written. */
  public static final int SUCCESS = 0;

  /** The attempt failed with an error (logged); another attempt resumes from the checkpoint. */
  public static final int ATTEMPT_FAILED = 1;

  /** Bad configuration (missing variable, unreadable model): another attempt would fail too. */
  public static final int BAD_CONFIGURATION = 2;

  /**
   * Out of memory: the JVM's own code under {@code -XX:+ExitOnOutOfMemoryError} (the worker image
   * runs with it), and what the worker exits with when it catches the error itself. The next
   * attempt resumes and records the image that was being decoded as a failure.
   */
  public static final int OUT_OF_MEMORY = 3;

  /** A JVM ended by SIGINT (Ctrl-C in the terminal of {@code ./biotrack up}): 128 + 2. */
  public static final int INTERRUPTED = 130;

  /** A JVM ended by SIGTERM (the platform stopping its workers, a deleted Pod): 128 + 15. */
  public static final int TERMINATED = 143;

  /**
   * Whether the worker was stopped from outside rather than failing: it saved its checkpoint on the
   * way out (its shutdown hook), and the next attempt resumes from it.
   */
  public static boolean stopped(int code) {
    return code == INTERRUPTED || code == TERMINATED;
  }
}
