package io.biotrack.worker.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The machine's FP32 matrix-multiply rate in the worker's own libtorch (through DJL, with the
 * model's intra-op threads): large square matrices, the best of a few multiplications. A
 * convolution network's forward pass is mostly such multiplications, so this is the most its
 * GFLOP/s can reach on this machine; the report gives the forward pass as a share of it.
 */
final class GemmPeak implements AutoCloseable {
  /** Matrices of {@value}²: 137 GFLOP a multiplication, large enough for the peak. */
  static final int SIZE = 4096;

  static final int REPEATS = 3;

  private final ProcessClock clock = new ProcessClock();
  private final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
  private final NDArray a;
  private final NDArray b;

  GemmPeak() {
    a = manager.randomUniform(-1f, 1f, new Shape(SIZE, SIZE));
    b = manager.randomUniform(-1f, 1f, new Shape(SIZE, SIZE));
    multiply(); // warm-up: threads started, buffers allocated
  }

  /**
   * One measurement.
   *
   * @param gflops GFLOP/s of the fastest multiplication (wall time)
   * @param gflopsPerCpuSecond GFLOP per CPU second of the process over all of them: what a core
   *     does, which other work on the machine changes much less than the wall rate
   */
  record Peak(double gflops, double gflopsPerCpuSecond) {}

  /** {@value #REPEATS} multiplications. */
  Peak measure() {
    double best = Double.POSITIVE_INFINITY;
    long cpu = clock.cpuNanos();
    for (int i = 0; i < REPEATS; i++) {
      best = Math.min(best, multiply());
    }
    double cpuSeconds = (clock.cpuNanos() - cpu) / 1e9;
    double gflop = 2.0 * SIZE * SIZE * SIZE / 1e9;
    return new Peak(gflop / best, REPEATS * gflop / cpuSeconds);
  }

  /** One multiplication, in seconds. */
  private double multiply() {
    long start = System.nanoTime();
    try (NDArray c = a.matMul(b)) {
      c.getFloat(0, 0); // make sure it ran
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    manager.close();
  }
}
