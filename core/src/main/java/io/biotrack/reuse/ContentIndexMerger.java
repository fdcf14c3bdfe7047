package io.biotrack.reuse;

import io.biotrack.shard.ShardNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a finished job's shard parts of its content index into {@code {jobId}/contents.txt},
 * streaming (one line per part in memory). A shard without a part (written by a worker from before
 * content indexes) leaves its photos out: a later job runs them again, nothing worse.
 */
public final class ContentIndexMerger {
  private static final Logger log = LoggerFactory.getLogger(ContentIndexMerger.class);

  private final BlobStore blobs;

  public ContentIndexMerger(BlobStore blobs) {
    this.blobs = blobs;
  }

  public void merge(String jobId, int shards) {
    List<InputStream> parts = new ArrayList<>();
    try {
      for (int shard = 0; shard < shards; shard++) {
        try {
          parts.add(blobs.open(BlobContainer.RESULTS, ShardNames.contents(jobId, shard)));
        } catch (BlobNotFoundException e) {
          log.info(
              "job {} shard {} has no content index part: its photos cannot be reused",
              jobId,
              shard);
        }
      }
      // The store reads the index from a stream; the merge writes it from another thread.
      PipedInputStream in = new PipedInputStream(1 << 16);
      PipedOutputStream out = new PipedOutputStream(in);
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try (out) {
                  ContentIndex.merge(parts, out);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      try (in) {
        blobs.put(BlobContainer.RESULTS, BlobNames.contents(jobId), in, Long.MAX_VALUE);
      }
      writing.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (InputStream part : parts) {
        try {
          part.close();
        } catch (IOException ignored) {
          // read-only streams: nothing to lose
        }
      }
    }
  }
}
