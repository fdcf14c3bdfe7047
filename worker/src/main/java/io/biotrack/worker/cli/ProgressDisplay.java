package io.biotrack.worker.cli;

import io.biotrack.results.ImageResult;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The {@code detect} progress on stderr: a bar with images/s and ETA on a terminal; a line every
 * {@code interval} otherwise (logs, CI), so redirected output stays readable.
 */
final class ProgressDisplay implements BatchListener, AutoCloseable {
  private final PrintStream out;
  private final boolean terminal;
  private final Duration interval;
  private ProgressBar bar;
  private long startNanos;
  private long lastLineNanos;
  private int resumed;

  ProgressDisplay(PrintStream out, boolean terminal, Duration interval) {
    this.out = out;
    this.terminal = terminal;
    this.interval = interval;
  }

  @Override
  public void started(List<ImageResult> resumedResults, BatchProgress progress) {
    resumed = progress.done();
    startNanos = System.nanoTime();
    lastLineNanos = startNanos;
    if (resumed > 0) {
      out.printf("resuming: %d of %d images already done%n", resumed, progress.total());
    }
    if (terminal) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("detect")
              .setInitialMax(progress.total())
              .startsFrom(progress.done(), Duration.ZERO)
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" img", 1)
              .showSpeed()
              .setConsumer(new ConsoleProgressBarConsumer(out))
              .build();
    }
  }

  @Override
  public void imageDone(ImageResult result, BatchProgress progress) {
    if (bar != null) {
      bar.stepTo(progress.done());
      return;
    }
    long now = System.nanoTime();
    if (now - lastLineNanos >= interval.toNanos() || progress.done() == progress.total()) {
      lastLineNanos = now;
      double seconds = (now - startNanos) / 1e9;
      double rate = seconds > 0 ? progress.processedNow() / seconds : 0;
      long etaSeconds = rate > 0 ? Math.round((progress.total() - progress.done()) / rate) : -1;
      out.printf(
          "detect: %d/%d images, %d failed, %.2f images/s, ETA %s%n",
          progress.done(),
          progress.total(),
          progress.failed(),
          rate,
          etaSeconds < 0
              ? "?"
              : Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase());
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
