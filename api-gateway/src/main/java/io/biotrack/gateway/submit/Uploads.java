package io.biotrack.gateway.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Sends photos to their upload targets, {@code parallel} at a time, each retried a few times with
 * growing pauses (a dropped connection, a busy server), with a progress bar in bytes on a terminal
 * and a line every few seconds elsewhere. A photo that still fails is reported by name; the command
 * then stops before starting the job, and a rerun sends what is missing.
 */
final class Uploads {
  private static final int ATTEMPTS = 4;
  private static final Duration LINE_EVERY = Duration.ofSeconds(10);

  private final BiotrackClient client;
  private final Path dir;
  private final int parallel;
  private final PrintStream out;
  private final PrintStream err;

  Uploads(BiotrackClient client, Path dir, int parallel, PrintStream out, PrintStream err) {
    this.client = client;
    this.dir = dir;
    this.parallel = parallel;
    this.out = out;
    this.err = err;
  }

  void send(Map<String, JsonNode> targets, Map<String, Long> sizes)
      throws IOException, InterruptedException {
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    AtomicLong sent = new AtomicLong();
    AtomicLong files = new AtomicLong();
    long start = System.nanoTime();
    ProgressBar bar =
        System.console() == null
            ? null
            : new ProgressBarBuilder()
                .setTaskName("upload")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MB", 1_000_000)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    List<Future<String>> results = new ArrayList<>();
    long[] lastLine = {start};
    try {
      for (Map.Entry<String, JsonNode> entry : targets.entrySet()) {
        String file = entry.getKey();
        results.add(
            pool.submit(
                () -> {
                  String failure = sendOne(entry.getValue(), file);
                  long bytes = sent.addAndGet(sizes.getOrDefault(file, 0L));
                  long done = files.incrementAndGet();
                  if (bar != null) {
                    bar.stepTo(bytes);
                  } else {
                    report(lastLine, start, done, targets.size(), bytes, total);
                  }
                  return failure;
                }));
      }
      List<String> failures = new ArrayList<>();
      for (Future<String> result : results) {
        try {
          String failure = result.get();
          if (failure != null) {
            failures.add(failure);
          }
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause().toString());
        }
      }
      if (bar != null) {
        bar.close();
      }
      if (!failures.isEmpty()) {
        failures.stream().limit(10).forEach(f -> err.println("  " + f));
        throw new IOException(
            failures.size()
                + " photo(s) could not be uploaded; run the same command again to send"
                + " the rest");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf("uploaded %d photos (%.1f MB) in %.0f s%n", targets.size(), total / 1e6, seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * @return null when sent, else "file: why"
   */
  private String sendOne(JsonNode target, String file) throws InterruptedException {
    String why = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        client.upload(target, dir.resolve(file));
        return null;
      } catch (BiotrackClient.ApiException e) {
        why = e.status + " " + e.getMessage();
        if (e.status < 500 && e.status != 408 && e.status != 429) {
          break; // the server will answer the same again
        }
      } catch (IOException e) {
        why = e.toString();
      }
      Thread.sleep(1000L << (attempt - 1));
    }
    return file + ": " + why;
  }

  private synchronized void report(
      long[] last, long start, long done, int count, long bytes, long total) {
    long now = System.nanoTime();
    if (now - last[0] < LINE_EVERY.toNanos() && done < count) {
      return;
    }
    last[0] = now;
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? bytes / seconds : 0;
    long left = rate > 0 ? Math.round((total - bytes) / rate) : -1;
    out.printf(
        "upload: %d/%d photos, %.1f/%.1f MB, %.1f MB/s%s%n",
        done,
        count,
        bytes / 1e6,
        total / 1e6,
        rate / 1e6,
        left >= 0 ? ", about " + JobFollower.duration(left) + " left" : "");
  }
}
