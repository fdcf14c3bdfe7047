package io.biotrack.worker.bench;

import java.lang.management.ManagementFactory;

/** Wall time and this process's CPU time (all threads, libtorch's included), or a thread's. */
final class ProcessClock {
  /** Work to time. */
  interface Work {
    void run() throws Exception;
  }

  private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
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

  /** This process's CPU time; Linux counts it in 10 ms ticks, so time whole passes with it. */
  long cpuNanos() {
    return os.getProcessCpuTime();
  }

  /** The calling thread's CPU time, to the microsecond: for steps of a few milliseconds. */
  long threadCpuNanos() {
    return threads.getCurrentThreadCpuTime();
  }
}
