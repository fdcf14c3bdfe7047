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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One shard attempt's blobs through the per-blob URLs of its {@link JobAccess}: exactly the grants
 * of the document — the manifest pages of its range and the files of its shard (read), its
 * checkpoint (read and write), its progress report and results (write), the thumbnails of its
 * shard's photos (write, from the file list) — each through the one URL for that blob, so nothing
 * else is reachable. Anything outside the grants is refused here, with a message that says so,
 * before a request is made. Reads with an etag ({@code If-Match}) work on the file URLs as on any
 * blob URL.
 *
 * <p>The file URLs come from the shard's file list ({@link FileGrants}), read once, on the first
 * upload the worker opens.
 *
 * <p>The grants hold no delete: {@link #delete} deletes nothing and says so by returning false (the
 * worker's last step, dropping its checkpoint, is then a no-op; the checkpoint goes with the job).
 */
public final class JobScopedBlobStore implements BlobStore {
  private final JobAccess access;
  private volatile Map<String, FileGrants.Grant> files;

  public JobScopedBlobStore(JobAccess access) {
    this.access = access;
  }

  @Override
  public long put(BlobContainer container, String name, InputStream content, long maxBytes) {
    String thumbnails = BlobNames.thumbnails(access.jobId());
    if (container == BlobContainer.RESULTS && name.startsWith(thumbnails)) {
      // A thumbnail of one of the shard's photos: its write URL is in the file list.
      FileGrants.Grant file = files().get(name.substring(thumbnails.length()));
      if (file == null || file.thumbnail() == null) {
        throw refused("write", container, name);
      }
      return BlobStreams.upload(asyncClient(URI.create(file.thumbnail())), name, content, maxBytes);
    }
    URI write = grant(container, name, "write").write();
    if (write == null) {
      throw refused("write", container, name);
    }
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
    return client(readUrl(container, name)).exists();
  }

  /** The tokens grant no listing. */
  @Override
  public void scan(BlobContainer container, String prefix, Consumer<BlobInfo> visitor) {
    throw new UnsupportedOperationException(
        "credentials scoped to job "
            + access.jobId()
            + " shard "
            + access.shard()
            + " cannot list "
            + container.defaultName());
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
      FileGrants.Grant file = files().get(fileOf(name));
      if (file == null) {
        throw refused("read", container, name);
      }
      return URI.create(file.read());
    }
    URI read = grant(container, name, "read").read();
    if (read == null) {
      throw refused("read", container, name);
    }
    return read;
  }

  private JobAccess.Grant grant(BlobContainer container, String name, String what) {
    JobAccess.Grant grant = container == BlobContainer.RESULTS ? access.result(name) : null;
    if (grant == null) {
      throw refused(what, container, name);
    }
    return grant;
  }

  /** The file name of upload blob {@code name}, or a refusal for another job's blob. */
  private String fileOf(String name) {
    FileNames.validate(name);
    String prefix = BlobNames.jobPrefix(access.jobId());
    if (!name.startsWith(prefix)) {
      throw refused("read", BlobContainer.UPLOADS, name);
    }
    return name.substring(prefix.length());
  }

  private Map<String, FileGrants.Grant> files() {
    Map<String, FileGrants.Grant> loaded = files;
    if (loaded == null) {
      synchronized (this) {
        if (files == null) {
          try (InputStream in = client(access.files()).openInputStream()) {
            files = FileGrants.readGrants(in, access.jobId(), access.shard());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shard's file list", e);
          } catch (com.azure.storage.blob.models.BlobStorageException e) {
            if (e.getStatusCode() == 404) {
              throw new BlobNotFoundException(BlobContainer.RESULTS, "the shard's file list");
            }
            throw e;
          }
        }
        loaded = files;
      }
    }
    return loaded;
  }

  private UnsupportedOperationException refused(String what, BlobContainer container, String name) {
    return new UnsupportedOperationException(
        "credentials scoped to job "
            + access.jobId()
            + " shard "
            + access.shard()
            + " cannot "
            + what
            + " "
            + container.defaultName()
            + "/"
            + name);
  }

  private static BlobClient client(URI url) {
    return new BlobClientBuilder().endpoint(url.toString()).buildClient();
  }

  private static BlobAsyncClient asyncClient(URI url) {
    return new BlobClientBuilder().endpoint(url.toString()).buildAsyncClient();
  }
}
