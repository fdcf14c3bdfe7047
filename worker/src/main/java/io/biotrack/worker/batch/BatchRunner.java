package io.biotrack.worker.batch;

import io.biotrack.results.ImageResult;
import io.biotrack.worker.detect.DecodeBudget;
import io.biotrack.worker.detect.DecodeGate;
import io.biotrack.worker.detect.DecodedImageListener;
import io.biotrack.worker.detect.MegaDetector;
import io.biotrack.worker.detect.PreparedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a detector over a list of images with a bounded producer/consumer pipeline: decoder threads
 * read and letterbox the next few images while the model works on the current one; at most {@code
 * lookahead} prepared images wait in memory. Results come out in input order.
 *
 * <p>Images already in {@code resumed} (by file name, as MegaDetector matches checkpoint entries)
 * are not detected again; their results are kept as they are, unless the stage after detection
 * still has work on them ({@link AfterDetection#pending}): those are decoded again and the stage
 * applied to their saved detections.
 *
 * <p>Decodes share a {@link DecodeBudget}: each reserves its estimated peak heap before it starts,
 * an image that cannot fit the budget is an image access failure, and a large decode runs alone
 * after the listener has recorded it ({@link BatchListener#largeDecodeStarting}). Prepared images
 * waiting for the model hold only their tensor, a direct buffer outside the heap, so the window
 * adds nothing the budget must cover.
 */
public final class BatchRunner {
  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

  private final MegaDetector detector;
  private final int decodeThreads;
  private final int lookahead;
  private final DecodeBudget budget;
  private final int batchSize;
  private final AfterDetection species;
  private DecodedImageListener decoded = DecodedImageListener.NONE;

  /** With this JVM's decode budget ({@link DecodeBudget#forThisJvm}), one image per pass. */
  public BatchRunner(MegaDetector detector, DecoderThreads decoders) {
    this(detector, decoders, 1);
  }

  /**
   * @param batchSize images handed to the model together ({@code --batch-size}): grouped by
   *     letterboxed size, each group one forward pass ({@link MegaDetector#detect(List)})
   */
  public BatchRunner(MegaDetector detector, DecoderThreads decoders, int batchSize) {
    this(detector, decoders.threads(), decoders.window(), DecodeBudget.forThisJvm(), batchSize);
  }

  /** With a classification stage after detection (null: detection only). */
  public BatchRunner(
      MegaDetector detector, DecoderThreads decoders, int batchSize, AfterDetection species) {
    this(
        detector,
        decoders.threads(),
        decoders.window(),
        DecodeBudget.forThisJvm(),
        batchSize,
        species);
  }

  /**
   * @param decodeThreads threads reading and letterboxing ahead of the model (at least 1)
   * @param lookahead images being prepared or prepared and waiting for the model, at most (at least
   *     1)
   */
  public BatchRunner(MegaDetector detector, int decodeThreads, int lookahead, DecodeBudget budget) {
    this(detector, decodeThreads, lookahead, budget, 1);
  }

  public BatchRunner(
      MegaDetector detector, int decodeThreads, int lookahead, DecodeBudget budget, int batchSize) {
    this(detector, decodeThreads, lookahead, budget, batchSize, null);
  }

  /**
   * @param batchSize images handed to the model together, at least 1
   * @param species classifies the detections of each image after detection, on the model thread;
   *     null for detection only. With it, each waiting image also keeps its decoded pixels for the
   *     crops (on the heap, beside the decode budget: at most {@code lookahead} images, or {@code
   *     batchSize} where that is more).
   */
  public BatchRunner(
      MegaDetector detector,
      int decodeThreads,
      int lookahead,
      DecodeBudget budget,
      int batchSize,
      AfterDetection species) {
    if (decodeThreads < 1 || lookahead < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "need at least one decoder thread, one image ahead and one image per batch");
    }
    this.detector = detector;
    this.decodeThreads = decodeThreads;
    // A batch is taken from the prepared images: the window holds at least one batch.
    this.lookahead = Math.max(lookahead, batchSize);
    this.budget = budget;
    this.batchSize = batchSize;
    this.species = species;
  }

  /**
   * Tells {@code listener} of each photo as it is decoded, on the decoder threads (a job's worker
   * writes thumbnails there, off the model's thread).
   */
  public BatchRunner onDecoded(DecodedImageListener listener) {
    this.decoded = java.util.Objects.requireNonNull(listener, "listener");
    return this;
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
    // Results saved without the stage's work (a run started without a classifier): their photos
    // are decoded again for the stage, not detected again.
    Map<String, ImageResult> pending = new HashMap<>();
    for (ImageResult r : resumed) {
      if (wanted.contains(r.file()) && done.add(r.file())) {
        if (species != null && species.pending(r)) {
          pending.put(r.file(), r);
        } else {
          results.add(r);
          progress = progress.plus(r, true);
        }
      }
    }
    List<ImageItem> todo =
        items.stream()
            .filter(i -> !done.contains(i.file()) || pending.containsKey(i.file()))
            .toList();
    if (!pending.isEmpty()) {
      log.info(
          "{} image(s) done without classification: classifying their saved detections",
          pending.size());
    }
    listener.started(List.copyOf(results), progress);
    if (!todo.isEmpty()) {
      log.info(
          "decode memory budget: {}; {} decoder thread(s), {} photos ahead at most;"
              + " model on {}, {} image(s) per forward pass",
          budget,
          decodeThreads,
          lookahead,
          detector.device(),
          batchSize);
    }

    ExecutorService decoders = Executors.newFixedThreadPool(decodeThreads, daemonThreads());
    Deque<Future<PreparedImage>> window = new ArrayDeque<>();
    Iterator<ImageItem> next = todo.iterator();
    DecodeGate gate = gate(listener);
    try {
      fill(window, next, decoders, gate);
      while (!window.isEmpty()) {
        if (listener.stopRequested()) {
          progress = flush(results, progress, listener); // what waits for a batch is done too
          return new BatchOutcome(results, progress, false);
        }
        List<PreparedImage> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && !window.isEmpty()) {
          batch.add(take(window.poll()));
        }
        fill(window, next, decoders, gate); // keep decoding while the model runs
        List<ImageResult> detected =
            detector.detect(batch.stream().filter(p -> !pending.containsKey(p.file())).toList());
        int detectedIndex = 0;
        for (PreparedImage prepared : batch) {
          ImageResult saved = pending.get(prepared.file());
          List<ImageResult> ready;
          if (saved != null) {
            // A photo that can no longer be read keeps its saved detections, unclassified.
            ready = species.add(saved, prepared.failed() ? null : prepared.image());
          } else {
            ImageResult result = detected.get(detectedIndex++);
            ready = species != null ? species.add(result, prepared.image()) : List.of(result);
          }
          for (ImageResult result : ready) {
            results.add(result);
            progress = progress.plus(result, false);
            listener.imageDone(result, progress);
          }
        }
      }
      progress = flush(results, progress, listener);
      return new BatchOutcome(results, progress, true);
    } catch (OutOfMemoryError e) {
      // Only without -XX:+ExitOnOutOfMemoryError (with it the JVM is gone already).
      try {
        listener.outOfMemory();
      } catch (Throwable saving) {
        e.addSuppressed(saving);
      }
      throw e;
    } finally {
      window.forEach(f -> f.cancel(true));
      decoders.shutdownNow();
    }
  }

  /** Completes the images the stage after detection still holds, and records them. */
  private BatchProgress flush(
      List<ImageResult> results, BatchProgress progress, BatchListener listener) {
    if (species == null) {
      return progress;
    }
    for (ImageResult result : species.flush()) {
      results.add(result);
      progress = progress.plus(result, false);
      listener.imageDone(result, progress);
    }
    return progress;
  }

  /**
   * Reserves each decode's peak in the budget; a large decode is announced to the listener first
   * (its checkpoint names the image before the decode can kill the process) and again when its
   * memory is given back.
   */
  private DecodeGate gate(BatchListener listener) {
    return (file, bytes) -> {
      DecodeBudget.Permit permit = budget.acquire(bytes);
      if (!permit.large()) {
        return permit::close;
      }
      try {
        listener.largeDecodeStarting(file);
      } catch (RuntimeException e) {
        permit.close();
        throw e;
      }
      return () -> {
        try {
          listener.largeDecodeFinished(file);
        } finally {
          permit.close();
        }
      };
    };
  }

  private void fill(
      Deque<Future<PreparedImage>> window,
      Iterator<ImageItem> next,
      ExecutorService pool,
      DecodeGate gate) {
    while (window.size() < lookahead && next.hasNext()) {
      ImageItem item = next.next();
      window.add(pool.submit(() -> prepare(item, gate)));
    }
  }

  private PreparedImage prepare(ImageItem item, DecodeGate gate) throws InterruptedException {
    byte[] content;
    try {
      content = item.content().read();
    } catch (Exception | OutOfMemoryError e) {
      return PreparedImage.failed(
          item.file(), ImageResult.FAILURE_IMAGE_ACCESS, "cannot read: " + e);
    }
    return detector.prepare(item.file(), content, gate, species != null, decoded);
  }

  private static PreparedImage take(Future<PreparedImage> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error; // an OutOfMemoryError on a decoder thread is the batch's, not one image's
      }
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
