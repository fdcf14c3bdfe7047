package io.biotrack.worker.batch;

/**
 * How the batch prepares photos ahead of the model: {@code threads} decoder threads (decode,
 * letterbox, tensor) and at most {@code window} photos prepared or being prepared at once.
 *
 * <p>The default is a quarter of the cores, at least one. A photo costs the decoder about 60 ms of
 * one core (12 MP; docs/performance.md), so on a CPU worker, where the model takes seconds per
 * photo on all cores, one thread is far ahead and the others sleep; a GPU consumes a photo every
 * 50-60 ms (MDv5 on an RTX 4090), which takes one to two such threads, and batching GPUs more: the
 * nodes they come on have 8 to 16 cores or more. Threads waiting for the window cost nothing.
 *
 * <p>The window is two photos per thread, so each thread has one ready while it prepares the next.
 * What it holds: the prepared tensors waiting for the model (outside the heap, at most 1280×1280×3
 * floats, 19.7 MB, each) and the decodes in progress, whose heap the {@link
 * io.biotrack.worker.detect.DecodeBudget} bounds.
 */
public record DecoderThreads(int threads, int window) {
  /** {@value}: decoder threads of {@code detect} and {@code run-job}; unset or 0: the default. */
  public static final String ENV = "BIOTRACK_DECODE_THREADS";

  public DecoderThreads {
    if (threads < 1 || window < threads) {
      throw new IllegalArgumentException(
          "need at least one decoder thread and a window of at least as many photos");
    }
  }

  /** {@code requested} threads, or the default for this machine when 0 or less. */
  public static DecoderThreads of(int requested) {
    return forThreads(
        requested > 0 ? requested : defaultFor(Runtime.getRuntime().availableProcessors()));
  }

  static DecoderThreads forThreads(int threads) {
    return new DecoderThreads(threads, 2 * threads);
  }

  /** A quarter of {@code cores}, at least one. */
  static int defaultFor(int cores) {
    return Math.max(1, cores / 4);
  }
}
