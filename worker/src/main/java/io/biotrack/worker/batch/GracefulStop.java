package io.biotrack.worker.batch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What happens when the process is stopped (Ctrl-C, SIGTERM from the platform or Kubernetes) while
 * a batch runs: a shutdown hook asks the batch to stop after the image in the model, waits for it
 * to leave the model, then runs {@code onStop} (save the checkpoint, say so).
 *
 * <p>The wait matters: the JVM exits once its hooks return, and libtorch crashes (SIGSEGV in a
 * forward, exit 134 and an {@code hs_err} file in the working directory) when the process exits
 * under a forward that is still running — tried: {@code JobProcessIT}. A stop then looked like a
 * crash to the dispatcher.
 *
 * <p>Use: {@link #install}, pass it to the batch as a listener, {@link #close()} when the batch
 * returned (or threw); {@link #requested()} then says whether the outcome is a stopped one.
 */
public final class GracefulStop implements BatchListener, AutoCloseable {
  /** How long the hook waits for the image in the model; the platform kills after 10 s. */
  private static final Duration MODEL_WAIT = Duration.ofSeconds(8);

  private final Thread hook;
  private final CountDownLatch batchEnded = new CountDownLatch(1);
  private volatile boolean requested;

  private GracefulStop(String name, Runnable onStop) {
    this.hook =
        new Thread(
            () -> {
              requested = true;
              try {
                batchEnded.await(MODEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              onStop.run();
            },
            name);
  }

  /** Registers the shutdown hook; {@link #close()} removes it unless the process is stopping. */
  public static GracefulStop install(String name, Runnable onStop) {
    GracefulStop stop = new GracefulStop(name, onStop);
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  @Override
  public boolean stopRequested() {
    return requested;
  }

  /** Whether the process is being stopped: a batch that returned now was cut short by it. */
  public boolean requested() {
    return requested;
  }

  /** The batch is over: the hook may go on; outside a stop, the hook is removed. */
  @Override
  public void close() {
    batchEnded.countDown();
    if (!requested) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // stopped just now: the hook runs
      }
    }
  }
}
