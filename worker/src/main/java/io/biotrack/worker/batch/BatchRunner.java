package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import io.biotrack.worker.detect.MegaDetector;
import io.biotrack.worker.detect.PreparedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a detector over a list of images with a bounded producer/consumer pipeline: decoder
 * threads read and letterbox the next few images while the model works on the current one; at
 * most {@code lookahead} prepared images wait in memory. Results come out in input order.
 *
 * <p>Images already in {@code resumed} (by file name, as MegaDetector matches checkpoint entries)
 * are not processed again; their results are kept as they are.
 */
public final class BatchRunner {
  private final MegaDetector detector;
  private final int decodeThreads;
  private final int lookahead;

  /**
   * @param decodeThreads threads reading and letterboxing ahead of the model (at least 1)
   * @param lookahead prepared images allowed to wait for the model (at least 1)
   */
  public BatchRunner(MegaDetector detector, int decodeThreads, int lookahead) {
    if (decodeThreads < 1 || lookahead < 1) {
      throw new IllegalArgumentException("need at least one decoder thread and one image ahead");
    }
    this.detector = detector;
    this.decodeThreads = decodeThreads;
    this.lookahead = lookahead;
  }

  public BatchOutcome run(List<ImageItem> items, List<ImageResult> resumed, BatchListener listener)
      throws InterruptedException {
    Set<String> done = new HashSet<>();
    List<ImageResult> results = new ArrayList<>();
    BatchProgress progress = BatchProgress.start(items.size());
    Set<String> wanted = new HashSet<>();
    for (ImageItem item : items) {
      wanted.add(item.file());
    }
    for (ImageResult r : resumed) {
      if (wanted.contains(r.file()) && done.add(r.file())) {
        results.add(r);
        progress = progress.plus(r, true);
      }
    }
    List<ImageItem> todo = items.stream().filter(i -> !done.contains(i.file())).toList();
    listener.started(List.copyOf(results), progress);

    ExecutorService decoders = Executors.newFixedThreadPool(decodeThreads, daemonThreads());
    Deque<Future<PreparedImage>> window = new ArrayDeque<>();
    Iterator<ImageItem> next = todo.iterator();
    try {
      fill(window, next, decoders);
      while (!window.isEmpty()) {
        if (listener.stopRequested()) {
          return new BatchOutcome(results, progress, false);
        }
        PreparedImage prepared = take(window.poll());
        fill(window, next, decoders); // keep decoding while the model runs
        ImageResult result = detector.detect(prepared);
        results.add(result);
        progress = progress.plus(result, false);
        listener.imageDone(result, progress);
      }
      return new BatchOutcome(results, progress, true);
    } finally {
      window.forEach(f -> f.cancel(true));
      decoders.shutdownNow();
    }
  }

  private void fill(Deque<Future<PreparedImage>> window, Iterator<ImageItem> next, ExecutorService pool) {
    while (window.size() < lookahead && next.hasNext()) {
      ImageItem item = next.next();
      window.add(pool.submit(() -> prepare(item)));
    }
  }

  private PreparedImage prepare(ImageItem item) {
    byte[] content;
    try {
      content = item.content().read();
    } catch (Exception | OutOfMemoryError e) {
      return PreparedImage.failed(item.file(), ImageResult.FAILURE_IMAGE_ACCESS, "cannot read: " + e);
    }
    return detector.prepare(item.file(), content);
  }

  private static PreparedImage take(Future<PreparedImage> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("decoder failed unexpectedly", e.getCause());
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "biotrack-decode-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
