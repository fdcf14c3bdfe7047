package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import io.biotrack.files.FileNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.InputStream;
import java.net.URI;
import java.util.function.Consumer;

/**
 * A job's blobs through the per-blob URLs of its {@link JobAccess}: read its uploads, read and
 * write its checkpoint, write its results. Each call uses the one URL for that blob, so nothing
 * else is reachable; anything outside the grants is refused here with a clear message before a
 * request is made. The upload list comes from the document (the tokens grant no listing).
 *
 * <p>The grants hold no delete: {@link #deletePrefix} deletes nothing and says so by returning 0.
 * A worker's completed job keeps its checkpoint until the job itself is deleted.
 */
public final class JobScopedBlobStore implements BlobStore {
  private final JobAccess access;

  public JobScopedBlobStore(JobAccess access) {
    this.access = access;
  }

  @Override
  public long put(BlobContainer container, String name, InputStream content, long maxBytes) {
    URI write = resultBlob(container, name, "write").write();
    return BlobStreams.upload(asyncClient(write), name, content, maxBytes);
  }

  @Override
  public InputStream open(BlobContainer container, String name) {
    return BlobStreams.open(client(readUrl(container, name)), container, name);
  }

  @Override
  public InputStream open(BlobContainer container, String name, String etag) {
    return BlobStreams.openIfMatch(client(readUrl(container, name)), container, name, etag);
  }

  @Override
  public boolean exists(BlobContainer container, String name) {
    if (container == BlobContainer.UPLOADS && upload(name) == null) {
      return false;
    }
    return client(readUrl(container, name)).exists();
  }

  /** The uploads the document lists (its size too); the results container cannot be listed. */
  @Override
  public void scan(BlobContainer container, String prefix, Consumer<BlobInfo> visitor) {
    if (container != BlobContainer.UPLOADS) {
      throw refused("list " + container.defaultName());
    }
    String jobPrefix = BlobNames.jobPrefix(access.jobId());
    access.uploads().forEach(
        (file, upload) -> {
          String name = jobPrefix + file;
          if (name.startsWith(prefix)) {
            visitor.accept(new BlobInfo(name, upload.size(), "*"));
          }
        });
  }

  @Override
  public boolean delete(BlobContainer container, String name) {
    return false; // no delete grant (see the class comment)
  }

  @Override
  public int deletePrefix(BlobContainer container, String prefix) {
    return 0; // no delete grant (see the class comment)
  }

  private URI readUrl(BlobContainer container, String name) {
    if (container == BlobContainer.UPLOADS) {
      JobAccess.Upload upload = upload(name);
      if (upload == null) {
        throw new BlobNotFoundException(container, name);
      }
      return upload.read();
    }
    JobAccess.ResultBlob blob = resultBlob(container, name, "read");
    if (blob.read() == null) {
      throw refused("read " + container.defaultName() + "/" + name);
    }
    return blob.read();
  }

  /** The upload {@code name} ({@code {jobId}/{file}}) if the document grants it. */
  private JobAccess.Upload upload(String name) {
    String prefix = BlobNames.jobPrefix(access.jobId());
    FileNames.validate(name);
    return name.startsWith(prefix) ? access.uploads().get(name.substring(prefix.length())) : null;
  }

  private JobAccess.ResultBlob resultBlob(BlobContainer container, String name, String what) {
    if (container == BlobContainer.RESULTS) {
      if (name.equals(BlobNames.results(access.jobId()))) {
        return access.results();
      }
      if (name.equals(BlobNames.checkpoint(access.jobId()))) {
        return access.checkpoint();
      }
    }
    throw refused(what + " " + container.defaultName() + "/" + name);
  }

  private UnsupportedOperationException refused(String what) {
    return new UnsupportedOperationException(
        "credentials scoped to job " + access.jobId() + " cannot " + what);
  }

  private static BlobClient client(URI url) {
    return new BlobClientBuilder().endpoint(url.toString()).buildClient();
  }

  private static BlobAsyncClient asyncClient(URI url) {
    return new BlobClientBuilder().endpoint(url.toString()).buildAsyncClient();
  }
}
