package io.biotrack.launch;

/**
 * Deterministic workload names: a restarted operator or dispatcher finds the workload of an
 * attempt by name instead of launching a second one.
 */
public final class WorkloadNames {
  private WorkloadNames() {}

  public static String of(String jobId, int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1");
    }
    return "biotrack-" + jobId + "-" + attempt;
  }
}
