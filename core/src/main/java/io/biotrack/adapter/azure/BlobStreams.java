package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import io.biotrack.storage.BlobChangedException;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Streaming reads and writes of one blob, whatever credential its client holds.
 *
 * <p>Uploads stream: the input is read in chunks into a non-replayable {@code Flux} that the SDK
 * consumes once ({@code upload(Flux, options, true)}), staging blocks and committing the block list
 * at the end. Going past the size limit (or a broken input) errors the Flux before the commit, so
 * no blob appears and an existing blob of that name stays as it was.
 */
final class BlobStreams {
  private static final int CHUNK = 1024 * 1024;
  private static final long BLOCK = 4L * 1024 * 1024;

  private BlobStreams() {}

  /**
   * @return the number of bytes stored
   */
  static long upload(BlobAsyncClient blob, String name, InputStream content, long maxBytes) {
    long[] total = {0};
    Flux<ByteBuffer> chunks =
        Flux.<ByteBuffer>generate(
                sink -> {
                  try {
                    byte[] buffer = content.readNBytes(CHUNK);
                    if (buffer.length == 0) {
                      sink.complete();
                      return;
                    }
                    total[0] += buffer.length;
                    if (total[0] > maxBytes) {
                      sink.error(new BlobTooLargeException(name, maxBytes));
                    } else {
                      sink.next(ByteBuffer.wrap(buffer));
                    }
                  } catch (IOException e) {
                    sink.error(
                        new UncheckedIOException("reading the upload of " + name + " failed", e));
                  }
                })
            // Reading the InputStream blocks: keep it off the SDK's event-loop threads.
            .subscribeOn(Schedulers.boundedElastic());
    ParallelTransferOptions transfer =
        new ParallelTransferOptions()
            .setBlockSizeLong(BLOCK)
            .setMaxSingleUploadSizeLong(BLOCK)
            .setMaxConcurrency(2);
    blob.upload(chunks, transfer, true).block();
    return total[0];
  }

  /**
   * @throws BlobNotFoundException if there is no such blob
   */
  static InputStream open(BlobClient blob, BlobContainer container, String name) {
    try {
      return blob.openInputStream();
    } catch (BlobStorageException e) {
      if (e.getErrorCode() == BlobErrorCode.BLOB_NOT_FOUND || e.getStatusCode() == 404) {
        throw new BlobNotFoundException(container, name);
      }
      throw e;
    }
  }

  /**
   * Opens the blob if it still has {@code etag}; the stream then reads that version only (the SDK
   * sends the tag with every ranged read, so a replacement midway fails the read instead of mixing
   * versions).
   *
   * @throws BlobChangedException if the blob has another tag or is gone
   */
  static InputStream openIfMatch(
      BlobClient blob, BlobContainer container, String name, String etag) {
    try {
      return blob.openInputStream(
          new BlobInputStreamOptions()
              .setRequestConditions(new BlobRequestConditions().setIfMatch(etag)));
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 412 || e.getStatusCode() == 404) {
        throw new BlobChangedException(container, name);
      }
      throw e;
    }
  }
}
