package io.biotrack.worker.job;

import io.biotrack.image.Thumbnails;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobStore;
import io.biotrack.worker.detect.DecodedImageListener;
import io.biotrack.worker.detect.RgbImage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the viewer's thumbnail of each photo a shard decodes ({@code {jobId}/thumbnails/{file}},
 * {@link Thumbnails}): made on the decoder thread from the pixels detection decoded anyway (no
 * second read, no second decode), stored by one thread of its own so that a slow storage round trip
 * delays neither decoding nor the model. At most {@value #WAITING} thumbnails (about 25 KB each)
 * wait to be stored; past that the decoder thread stores its own.
 *
 * <p>A thumbnail that cannot be made or stored is a warning, never the photo's failure: the gateway
 * makes a missing thumbnail from the photo when it is asked for it.
 */
public final class ThumbnailWriter implements DecodedImageListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ThumbnailWriter.class);
  private static final int WAITING = 32;

  private final BlobStore blobs;
  private final String jobId;
  private final ThreadPoolExecutor writes;
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  public ThumbnailWriter(BlobStore blobs, String jobId) {
    this.blobs = blobs;
    this.jobId = jobId;
    this.writes =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING),
            r -> {
              Thread t = new Thread(r, "biotrack-thumbnails");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
  }

  @Override
  public void decoded(String file, RgbImage image) {
    byte[] jpeg;
    try {
      jpeg = Thumbnails.of(image.width(), image.height(), image.pixels());
    } catch (RuntimeException e) {
      notWritten(file, e);
      return;
    }
    writes.execute(() -> store(file, jpeg));
  }

  private void store(String file, byte[] jpeg) {
    try {
      blobs.put(BlobContainer.RESULTS, BlobNames.thumbnail(jobId, file), jpeg);
      written.incrementAndGet();
    } catch (RuntimeException e) {
      notWritten(file, e);
    }
  }

  private void notWritten(String file, RuntimeException e) {
    failed.incrementAndGet();
    // The exception's class only: a storage error's message may name the data directory.
    log.warn(
        "{}: thumbnail not written ({}); the gateway makes it from the photo when it is shown",
        file,
        e.getClass().getSimpleName());
  }

  public int written() {
    return written.get();
  }

  public int failed() {
    return failed.get();
  }

  /** Stores the thumbnails still waiting (up to a minute), so that a finished shard has them. */
  @Override
  public void close() throws InterruptedException {
    writes.shutdown();
    if (!writes.awaitTermination(1, TimeUnit.MINUTES)) {
      log.warn("thumbnails still being stored after a minute: left to the gateway");
      writes.shutdownNow();
    }
    log.info("job {}: {} thumbnails written, {} not", jobId, written.get(), failed.get());
  }
}
