package io.biotrack.launch;

/**
 * What one worker asks for.
 *
 * @param cpu cores (may be fractional, e.g. 1.5)
 * @param memoryGb GiB of memory
 * @param gpu GPUs (0 for CPU-only workers)
 */
public record WorkerResources(double cpu, double memoryGb, int gpu) {
  public static final WorkerResources DEFAULT = new WorkerResources(4, 8, 0);

  public WorkerResources {
    if (cpu <= 0 || memoryGb <= 0 || gpu < 0) {
      throw new IllegalArgumentException("cpu and memory must be positive, gpu not negative");
    }
  }
}
