package io.biotrack.launch;

/** The worker's exit codes in job mode ({@code run-job}), as launchers report them. */
public final class WorkerExitCodes {
  private WorkerExitCodes() {}

  public static final int SUCCESS = 0;
  /** The job failed; the worker wrote FAILED with a message itself. */
  public static final int JOB_FAILED = 1;
  /** Bad configuration (missing variable, unreadable model): another attempt would fail too. */
  public static final int BAD_CONFIGURATION = 2;
  /**
   * The worker ran out of memory; the job record was left as it was, for another attempt. This is
   * the code the JVM itself exits with under {@code -XX:+ExitOnOutOfMemoryError} (as the worker
   * image runs), so it cannot be anything else; without that flag the worker exits with it too.
   * The next attempt resumes from the checkpoint and skips an image whose decode was in flight.
   */
  public static final int OUT_OF_MEMORY = 3;
  /**
   * The record's attempt is not this worker's, or the job is not runnable: nothing was done. (It
   * was 3 until out-of-memory exits needed that code.)
   */
  public static final int STALE_ATTEMPT = 4;
}
