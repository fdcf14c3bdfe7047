package io.biotrack.launch;

/**
 * Starts workers somewhere (an ACI container group, a Pod, a child process) and reports on them.
 * Implementations are idempotent by workload name: launching an attempt that already has a workload
 * returns that workload instead of starting a second.
 */
public interface WorkerLauncher {

  /** The launcher's kind, as in {@code BioJob.spec.launcher}. */
  String kind();

  WorkloadHandle launch(LaunchRequest request);

  /** The workload's state; {@link WorkloadPhase#NOT_FOUND} when it does not exist. */
  WorkloadStatus status(WorkloadHandle handle);

  /** Deletes the workload (stops it if still running; cost stops). Idempotent. */
  void delete(WorkloadHandle handle);
}
