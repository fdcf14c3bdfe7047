package io.biotrack.gateway.thumbnail;

import io.biotrack.files.FileNames;
import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.upload.UploadedFileNotFoundException;
import io.biotrack.image.OriginalThumbnail;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer's thumbnail of one photo of a job ({@code {jobId}/thumbnails/{file}}, written by the
 * workers as they decode). A photo without one — a job run before thumbnails existed, a photo whose
 * results were reused from a previous job, a thumbnail whose write failed — gets it made here from
 * the original, decoded at a reduced resolution ({@link OriginalThumbnail}: a few MB whatever the
 * photo's size, and at most {@value #AT_ONCE} at a time), then stored for the next request once the
 * job's photos are frozen. A photo that cannot be decoded gets a placeholder picture.
 */
public class ThumbnailService {
  private static final Logger log = LoggerFactory.getLogger(ThumbnailService.class);
  static final int AT_ONCE = 2;

  private final JobService jobs;
  private final BlobStore blobs;
  private final Semaphore making = new Semaphore(AT_ONCE);

  public ThumbnailService(JobService jobs, BlobStore blobs) {
    this.jobs = jobs;
    this.blobs = blobs;
  }

  /** A thumbnail to send: a JPEG, or the placeholder; {@code frozen} when it can never change. */
  public record Thumbnail(byte[] content, String mediaType, boolean frozen) {}

  /**
   * @throws io.biotrack.job.JobNotFoundException no such job for this tenant
   * @throws UploadedFileNotFoundException the job has no photo of that name
   */
  public Thumbnail get(String tenant, String jobId, String file) throws InterruptedException {
    Job job = jobs.get(tenant, jobId);
    String name = BlobNames.thumbnail(jobId, FileNames.validate(file));
    // Before the start the photo may still be replaced: nothing is stored, nothing cached long.
    boolean frozen = job.status() != JobStatus.PENDING;
    if (frozen) {
      try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
        return new Thumbnail(in.readAllBytes(), OriginalThumbnail.MEDIA_TYPE, true);
      } catch (BlobNotFoundException missing) {
        // made below
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    byte[] made;
    making.acquire();
    try (InputStream original = blobs.open(BlobContainer.UPLOADS, BlobNames.upload(jobId, file))) {
      made = OriginalThumbnail.make(original);
    } catch (BlobNotFoundException e) {
      throw new UploadedFileNotFoundException(jobId, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      making.release();
    }
    if (made == null) {
      return new Thumbnail(Placeholder.SVG, Placeholder.MEDIA_TYPE, false);
    }
    if (frozen) {
      store(name, made);
    }
    return new Thumbnail(made, OriginalThumbnail.MEDIA_TYPE, frozen);
  }

  private void store(String name, byte[] made) {
    try {
      blobs.put(BlobContainer.RESULTS, name, made);
    } catch (RuntimeException e) {
      // Made again on the next request; the class only: a message may name the data directory.
      log.warn("a thumbnail made on demand was not stored: {}", e.getClass().getSimpleName());
    }
  }
}
