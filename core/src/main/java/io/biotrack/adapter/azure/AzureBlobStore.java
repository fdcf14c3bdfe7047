package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.biotrack.files.FileNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobStore;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Blobs in Azure Blob Storage, one container per {@link BlobContainer}; uploads stream ({@link
 * BlobStreams}).
 */
public final class AzureBlobStore implements BlobStore {
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
    return BlobStreams.upload(
        uploaders.get(container).getBlobAsyncClient(name), name, content, maxBytes);
  }

  @Override
  public InputStream open(BlobContainer container, String name) {
    return BlobStreams.open(
        containers.get(container).getBlobClient(FileNames.validate(name)), container, name);
  }

  @Override
  public boolean exists(BlobContainer container, String name) {
    return containers.get(container).getBlobClient(FileNames.validate(name)).exists();
  }

  @Override
  public InputStream open(BlobContainer container, String name, String etag) {
    return BlobStreams.openIfMatch(
        containers.get(container).getBlobClient(FileNames.validate(name)), container, name, etag);
  }

  @Override
  public void scan(BlobContainer container, String prefix, Consumer<BlobInfo> visitor) {
    // The paged iterable fetches one page (up to 5,000 names) at a time as it is walked.
    for (BlobItem item :
        containers.get(container).listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
      visitor.accept(
          new BlobInfo(
              item.getName(),
              item.getProperties().getContentLength(),
              item.getProperties().getETag()));
    }
  }

  @Override
  public boolean delete(BlobContainer container, String name) {
    return containers.get(container).getBlobClient(FileNames.validate(name)).deleteIfExists();
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
