package io.biotrack.launch;

public enum WorkloadPhase {
  /** Accepted but not running yet (image pull, scheduling, container group provisioning). */
  WAITING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** The platform has no such workload (never launched, deleted, or lost). */
  NOT_FOUND;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == NOT_FOUND;
  }
}
