package io.biotrack.launch;

/**
 * What a launcher observed of a workload.
 *
 * @param exitCode the worker's exit code once it ended; null before
 * @param reason a short platform reason ("OOMKilled", "ImagePullBackOff", ...) or null
 */
public record WorkloadStatus(WorkloadPhase phase, Integer exitCode, String reason) {
  public static final WorkloadStatus WAITING =
      new WorkloadStatus(WorkloadPhase.WAITING, null, null);
  public static final WorkloadStatus RUNNING =
      new WorkloadStatus(WorkloadPhase.RUNNING, null, null);
  public static final WorkloadStatus NOT_FOUND =
      new WorkloadStatus(WorkloadPhase.NOT_FOUND, null, null);

  public static WorkloadStatus succeeded() {
    return new WorkloadStatus(WorkloadPhase.SUCCEEDED, 0, null);
  }

  public static WorkloadStatus failed(int exitCode, String reason) {
    return new WorkloadStatus(WorkloadPhase.FAILED, exitCode, reason);
  }
}
