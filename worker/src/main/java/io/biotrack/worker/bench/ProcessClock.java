package io.biotrack.worker.bench;

import java.lang.management.ManagementFactory;

/** Wall time and this process's CPU time (all threads, libtorch's included). */
final class ProcessClock {
  /** Work to time. */
  interface Work {
    void run() throws Exception;
  }

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Runs the work once: a pass over {@code images} images. */
  Pass time(int images, Work work) throws Exception {
    long cpu = cpuNanos();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Pass(images, seconds, (cpuNanos() - cpu) / 1e9);
  }

  long cpuNanos() {
    return os.getProcessCpuTime();
  }
}
