package io.biotrack.gateway.upload;

import io.biotrack.files.FileNames;
import io.biotrack.gateway.job.JobLimits;
import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.gateway.job.TooManyFilesException;
import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.BlobTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Stores one uploaded file of a PENDING job, streaming: the body goes from the network into the
 * blob store with a size limit, never held whole in memory or spooled to disk. Blocking.
 */
public class UploadService {
  private final JobService jobs;
  private final BlobStore blobStore;
  private final JobLimits limits;
  private final GatewayMetrics metrics;

  public UploadService(
      JobService jobs, BlobStore blobStore, JobLimits limits, GatewayMetrics metrics) {
    this.jobs = jobs;
    this.blobStore = blobStore;
    this.limits = limits;
    this.metrics = metrics;
  }

  /**
   * @param declaredLength the request's Content-Length, -1 if unknown (chunked)
   * @param body opened only after every check passed, so a refused upload reads nothing
   * @throws BlobTooLargeException when the declared or the streamed size passes the limit
   * @throws UnsupportedImageException when the first bytes are not an accepted image type
   */
  public StoredFile store(
      String tenant, String jobId, String name, long declaredLength, Supplier<InputStream> body) {
    Job job = jobs.get(tenant, jobId);
    String blob = BlobNames.upload(jobId, FileNames.validate(name));
    if (declaredLength > limits.maxFileBytes()) {
      throw new BlobTooLargeException(name, limits.maxFileBytes());
    }
    if (job.status() != JobStatus.PENDING) {
      throw new JobStateConflictException(
          jobId, job.status(), "files can be uploaded only while the job is PENDING");
    }
    if (!blobStore.exists(BlobContainer.UPLOADS, blob)
        && blobStore.list(BlobContainer.UPLOADS, BlobNames.jobPrefix(jobId)).size()
            >= limits.maxFiles()) {
      throw new TooManyFilesException(limits.maxFiles());
    }
    try (InputStream in = body.get()) {
      byte[] head = in.readNBytes(ImageType.HEAD_BYTES);
      ImageType type = ImageType.sniff(head).orElseThrow(() -> new UnsupportedImageException(name));
      InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
      long size = blobStore.put(BlobContainer.UPLOADS, blob, whole, limits.maxFileBytes());
      metrics.fileUploaded(size);
      return new StoredFile(name, size, type);
    } catch (IOException e) {
      throw new UploadInterruptedException(name, e);
    }
  }

  /**
   * Opens one of the caller's uploaded files (the web UI shows them with their detections).
   *
   * @throws UploadedFileNotFoundException if the job has no such file
   */
  public UploadedFile open(String tenant, String jobId, String name) {
    jobs.get(tenant, jobId);
    String blob = BlobNames.upload(jobId, FileNames.validate(name));
    InputStream in;
    try {
      in = blobStore.open(BlobContainer.UPLOADS, blob);
    } catch (BlobNotFoundException e) {
      throw new UploadedFileNotFoundException(jobId, name);
    }
    try {
      byte[] head = in.readNBytes(ImageType.HEAD_BYTES);
      String mediaType =
          ImageType.sniff(head).map(ImageType::mediaType).orElse("application/octet-stream");
      return new UploadedFile(
          name, mediaType, new SequenceInputStream(new ByteArrayInputStream(head), in));
    } catch (IOException e) {
      closeQuietly(in);
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Already failing; the first error is the one to report.
    }
  }
}
