package io.biotrack.worker.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Semaphore;

/**
 * The heap that image decodes may hold at once. Each decode reserves its peak (estimated from the
 * file's header by {@link ImageDecoder#peakBytes}) before any pixel is decoded and releases it once
 * the full-size pixels are no longer needed, so decoder threads wait for each other instead of
 * running the JVM out of memory together. A decode larger than the whole budget is refused (an
 * image access failure) without being tried.
 *
 * <p>Decodes needing more than a quarter of the budget are <em>large</em>: they take the whole
 * budget, so a large decode runs alone (its estimate is the one that matters if the heap runs out,
 * and the batch can name it as the image in flight, see {@code BatchListener}). Waiting is first
 * come, first served (a fair semaphore): a large decode is not starved by a stream of small ones,
 * and small ones queue behind it.
 *
 * <p>Thread-safe.
 */
public final class DecodeBudget {
  /** {@value}: overrides the budget in MB (10^6 bytes), e.g. to let a test exceed the heap. */
  public static final String OVERRIDE_PROPERTY = "biotrack.decodeBudgetMb";

  /**
   * Heap kept out of the budget, as a share of the maximum heap: everything the worker holds
   * besides decodes. Measured on the worker (G1, {@code -Xlog:gc}): about 5 MB live after the model
   * is loaded for {@code detect}, some tens of MB with the storage clients of {@code run-job}; then
   * per image the model's output (2.4 MB), the results so far (about 1-2 KB per image, so 100-200
   * MB for a 100,000-image job), a checkpoint's JSON while it is written; and G1 keeps 10% of the
   * heap free ({@code G1ReservePercent}) and needs contiguous free regions for a decode's large
   * arrays. 40% covers that with room to spare; the letterboxed tensors are direct buffers, outside
   * the heap.
   */
  static final double RESERVED_SHARE = 0.4;

  /** The least heap kept out of the budget, for small heaps. */
  static final long MIN_RESERVED = 64L << 20;

  /** A decode needing more than this share of the budget is large (runs alone). */
  static final int LARGE_DIVISOR = 4;

  private static final long UNIT = 1024; // permits are KiB: a budget in bytes overflows an int

  private final long bytes;
  private final int units;
  private final Semaphore available;

  /**
   * @param bytes what decodes may hold at once; 0 refuses every decode
   */
  public DecodeBudget(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative budget " + bytes);
    }
    this.units = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
    this.bytes = units * UNIT;
    this.available = new Semaphore(units, true);
  }

  /** The budget for a heap of {@code maxHeap} bytes (see {@link #RESERVED_SHARE}). */
  public static DecodeBudget forHeap(long maxHeap) {
    long reserved = Math.max(MIN_RESERVED, (long) (maxHeap * RESERVED_SHARE));
    return new DecodeBudget(Math.max(0, maxHeap - reserved));
  }

  /**
   * This JVM's budget, from the heap a decode's arrays can use ({@link #decodableHeap}), or {@value
   * #OVERRIDE_PROPERTY} when set.
   */
  public static DecodeBudget forThisJvm() {
    String override = System.getProperty(OVERRIDE_PROPERTY);
    if (override != null) {
      return new DecodeBudget(Long.parseLong(override.trim()) * 1_000_000);
    }
    return forHeap(decodableHeap());
  }

  /**
   * The largest heap pool's maximum: with G1 (what the JVM picks on 2 or more CPUs and 2 GB or
   * more) the whole heap; with the Serial or Parallel collector the old generation, two thirds of
   * the heap, because a decode's arrays are larger than the young generation and go straight there.
   * (With a budget from the whole heap, a 48 MP JPEG that fit it ran out of memory under Serial
   * with a 256 MB heap and 32 MB of other data; {@code DecodeBudgetIT} covers both.)
   */
  static long decodableHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    long largestPool = -1;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage usage = pool.getUsage();
      if (pool.getType() == MemoryType.HEAP && usage != null) {
        largestPool = Math.max(largestPool, usage.getMax());
      }
    }
    return largestPool > 0 ? Math.min(largestPool, heap) : heap;
  }

  public long bytes() {
    return bytes;
  }

  /** Whether a decode of {@code bytes} is large: it runs alone. */
  public boolean isLarge(long bytes) {
    return bytes > this.bytes / LARGE_DIVISOR;
  }

  /**
   * Reserves {@code bytes}, waiting until they are free (the whole budget for a large decode).
   *
   * @throws ImageAccessException when {@code bytes} exceed the whole budget: the decode cannot fit
   */
  public Permit acquire(long bytes) throws ImageAccessException, InterruptedException {
    if (bytes > this.bytes) {
      throw new ImageAccessException(
          "needs "
              + megabytesUp(bytes)
              + " MB to decode, the worker's budget is "
              + this.bytes / 1_000_000
              + " MB; give the worker more memory");
    }
    boolean large = isLarge(bytes);
    int taken = large ? units : (int) Math.min(units, Math.max(1, (bytes + UNIT - 1) / UNIT));
    available.acquire(taken);
    return new Permit(taken, large);
  }

  /** Threads waiting for their reservation (for tests). */
  int queued() {
    return available.getQueueLength();
  }

  private static long megabytesUp(long bytes) {
    return (bytes + 999_999) / 1_000_000;
  }

  @Override
  public String toString() {
    return bytes / 1_000_000
        + " MB (decodes over "
        + bytes / LARGE_DIVISOR / 1_000_000
        + " MB run alone)";
  }

  /** A reservation; closing it (once) gives the bytes back. */
  public final class Permit implements AutoCloseable {
    private final int taken;
    private final boolean large;
    private boolean closed;

    private Permit(int taken, boolean large) {
      this.taken = taken;
      this.large = large;
    }

    /** Whether this decode is large: it holds the whole budget. */
    public boolean large() {
      return large;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        available.release(taken);
      }
    }
  }
}
