package io.biotrack.launch;

/** The worker's exit codes in job mode ({@code run-job}), as launchers report them. */
public final class WorkerExitCodes {
  private WorkerExitCodes() {}

  public static final int SUCCESS = 0;
  /** The job failed; the worker wrote FAILED with a message itself. */
  public static final int JOB_FAILED = 1;
  /** Bad configuration (missing variable, unreadable model): another attempt would fail too. */
  public static final int BAD_CONFIGURATION = 2;
  /** The record's attempt is not this worker's, or the job is not runnable: nothing was done. */
  public static final int STALE_ATTEMPT = 3;
}
