package io.biotrack.worker.bench;

/**
 * One timed pass over the benchmark photos: how many images, the wall time and the CPU time of the
 * process that ran it (all its threads), and the machine's 1-minute load average just before and
 * after (NaN when unknown). On a machine shared with other work the wall-clock rate says how the
 * pass fared against that load; CPU per image says what an image costs.
 */
record Pass(int images, double seconds, double cpuSeconds, double loadBefore, double loadAfter) {
  Pass(int images, double seconds, double cpuSeconds) {
    this(images, seconds, cpuSeconds, Double.NaN, Double.NaN);
  }

  Pass withLoad(double before, double after) {
    return new Pass(images, seconds, cpuSeconds, before, after);
  }

  double imagesPerSecond() {
    return images / seconds;
  }

  double imagesPerCpuSecond() {
    return images / cpuSeconds;
  }

  double cpuSecondsPerImage() {
    return cpuSeconds / images;
  }
}
