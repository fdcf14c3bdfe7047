package io.biotrack.launch;

import java.util.Map;

/**
 * How libtorch's OpenMP threads wait in a worker that shares the machine with other workers: {@code
 * OMP_WAIT_POLICY=PASSIVE}, for the embedded dispatcher's child processes.
 *
 * <p>Why: libtorch (libgomp) splits every operator of a forward pass over its intra-op threads and
 * joins them at a barrier; by default a thread that arrives early spins there for up to ~300,000
 * iterations before it sleeps. One process alone on its cores loses little to that. But {@code
 * ./biotrack up --workers N} runs N such processes side by side, each with at least 2 threads
 * (fewer changes MegaDetector's boxes, see {@link WorkerEnvironment#threads}), so on a small
 * machine their threads outnumber the cores: a spinning thread then burns the time slice the
 * sibling it waits for needs, and everything else on the machine pays too. Measured on 2 shared
 * cores (docs/performance.md, "Platform throughput"): the same 300 photos took 85 CPU-seconds and
 * 650 s spinning, 22 CPU-seconds and 60 s passive; the two workers of a 2,000-photo job used 0.26
 * CPU-seconds per photo spinning against 0.05 for one {@code detect} process.
 *
 * <p>A user's own {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} is left alone.
 */
public final class WorkerWaitPolicy {
  public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";
  public static final String GOMP_SPINCOUNT = "GOMP_SPINCOUNT";

  private WorkerWaitPolicy() {}

  /** The variables to add to the environment {@code current} of a worker sharing the machine. */
  public static Map<String, String> environment(Map<String, String> current) {
    if (isSet(current, OMP_WAIT_POLICY) || isSet(current, GOMP_SPINCOUNT)) {
      return Map.of();
    }
    return Map.of(OMP_WAIT_POLICY, "PASSIVE");
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
