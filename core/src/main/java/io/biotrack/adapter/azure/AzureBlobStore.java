package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import io.biotrack.files.FileNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.BlobTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Blobs in Azure Blob Storage, one container per {@link BlobContainer}.
 *
 * <p>Uploads stream: the input is read in chunks into a non-replayable {@code Flux} that the SDK
 * consumes once ({@code upload(Flux, options, true)}), staging blocks and committing the block
 * list at the end. Going past the size limit (or a broken input) errors the Flux before the
 * commit, so no blob appears and an existing blob of that name stays as it was.
 */
public final class AzureBlobStore implements BlobStore {
  private static final int CHUNK = 1024 * 1024;
  private static final long BLOCK = 4L * 1024 * 1024;

  private final Map<BlobContainer, BlobContainerClient> containers =
      new EnumMap<>(BlobContainer.class);
  private final Map<BlobContainer, BlobContainerAsyncClient> uploaders =
      new EnumMap<>(BlobContainer.class);

  /** Creates the containers if they do not exist. */
  public AzureBlobStore(
      BlobServiceClient service,
      BlobServiceAsyncClient asyncService,
      Function<BlobContainer, String> names) {
    for (BlobContainer container : BlobContainer.values()) {
      BlobContainerClient client = service.getBlobContainerClient(names.apply(container));
      client.createIfNotExists();
      containers.put(container, client);
      uploaders.put(container, asyncService.getBlobContainerAsyncClient(names.apply(container)));
    }
  }

  @Override
  public long put(BlobContainer container, String name, InputStream content, long maxBytes) {
    FileNames.validate(name);
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
                    sink.error(new UncheckedIOException("reading the upload of " + name + " failed", e));
                  }
                })
            // Reading the InputStream blocks: keep it off the SDK's event-loop threads.
            .subscribeOn(Schedulers.boundedElastic());
    ParallelTransferOptions transfer =
        new ParallelTransferOptions()
            .setBlockSizeLong(BLOCK)
            .setMaxSingleUploadSizeLong(BLOCK)
            .setMaxConcurrency(2);
    uploaders.get(container).getBlobAsyncClient(name).upload(chunks, transfer, true).block();
    return total[0];
  }

  @Override
  public InputStream open(BlobContainer container, String name) {
    try {
      return containers.get(container).getBlobClient(FileNames.validate(name)).openInputStream();
    } catch (BlobStorageException e) {
      if (e.getErrorCode() == BlobErrorCode.BLOB_NOT_FOUND || e.getStatusCode() == 404) {
        throw new BlobNotFoundException(container, name);
      }
      throw e;
    }
  }

  @Override
  public boolean exists(BlobContainer container, String name) {
    return containers.get(container).getBlobClient(FileNames.validate(name)).exists();
  }

  @Override
  public List<BlobInfo> list(BlobContainer container, String prefix) {
    return containers.get(container).listBlobs(new ListBlobsOptions().setPrefix(prefix), null)
        .stream()
        .map(item -> new BlobInfo(item.getName(), item.getProperties().getContentLength()))
        .sorted(Comparator.comparing(BlobInfo::name))
        .toList();
  }

  @Override
  public int deletePrefix(BlobContainer container, String prefix) {
    BlobContainerClient client = containers.get(container);
    int deleted = 0;
    for (BlobInfo blob : list(container, prefix)) {
      if (client.getBlobClient(blob.name()).deleteIfExists()) {
        deleted++;
      }
    }
    return deleted;
  }
}
