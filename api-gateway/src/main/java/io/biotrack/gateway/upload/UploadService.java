package io.biotrack.gateway.upload;

import io.biotrack.files.FileNames;
import io.biotrack.files.FileRegistry;
import io.biotrack.files.ImageNames;
import io.biotrack.files.ImageType;
import io.biotrack.gateway.job.FileNotRegisteredException;
import io.biotrack.gateway.job.JobLimits;
import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.job.Job;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.job.JobStatus;
import io.biotrack.manifest.ManifestEntry;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobInfo;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.BlobTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
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
  private final UploadGate gate;
  private final ManifestStore manifests;
  private final FileRegistry registry;

  public UploadService(
      JobService jobs,
      BlobStore blobStore,
      JobLimits limits,
      GatewayMetrics metrics,
      UploadGate gate,
      ManifestStore manifests,
      FileRegistry registry) {
    this.jobs = jobs;
    this.blobStore = blobStore;
    this.limits = limits;
    this.metrics = metrics;
    this.gate = gate;
    this.manifests = manifests;
    this.registry = registry;
  }

  /**
   * @param declaredLength the request's Content-Length, -1 if unknown (chunked)
   * @param body opened only after every check passed, so a refused upload reads nothing
   * @throws io.biotrack.files.InvalidFileNameException when the name is not an image's name
   * @throws BlobTooLargeException when the declared or the streamed size passes the limit
   * @throws UnsupportedImageException when the first bytes are not an accepted image type
   * @throws JobStateConflictException when the job is (or became, while this upload ran) started
   */
  public StoredFile store(
      String tenant, String jobId, String name, long declaredLength, Supplier<InputStream> body) {
    jobs.get(tenant, jobId);
    String blob = BlobNames.upload(jobId, ImageNames.validateForJob(name));
    if (declaredLength > limits.maxFileBytes()) {
      throw new BlobTooLargeException(name, limits.maxFileBytes());
    }
    try (UploadGate.Ticket ticket =
        gate.open(jobId, name, () -> requirePending(jobs.get(tenant, jobId)))) {
      // Only registered names: registration is where names are checked against each other and
      // counted against the job's limit.
      if (registry.find(jobId, name).isEmpty()) {
        throw new FileNotRegisteredException(jobId, name);
      }
      StoredFile stored = storeBody(name, blob, body);
      checkStillPending(tenant, jobId, name, blob);
      registry.markUploaded(jobId, List.of(name));
      metrics.fileUploaded(stored.size());
      return stored;
    }
  }

  private StoredFile storeBody(String name, String blob, Supplier<InputStream> body) {
    try (InputStream in = body.get()) {
      byte[] head = in.readNBytes(ImageType.HEAD_BYTES);
      ImageType type =
          ImageType.sniff(head).orElseThrow(() -> new UnsupportedImageException(name, head));
      InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
      long size = blobStore.put(BlobContainer.UPLOADS, blob, whole, limits.maxFileBytes());
      return new StoredFile(name, size, type);
    } catch (IOException e) {
      throw new UploadInterruptedException(name, e);
    }
  }

  /**
   * After storing: the job may have been cancelled or deleted while the body streamed, or (on
   * another gateway replica; in this process the {@link UploadGate} keeps them apart) started. If
   * the job is no longer PENDING, the file counts only if the frozen manifest holds this very
   * version; otherwise a new file is removed again, and either way the client learns it was not
   * taken.
   */
  private void checkStillPending(String tenant, String jobId, String name, String blob) {
    Job job;
    try {
      job = jobs.get(tenant, jobId);
    } catch (JobNotFoundException deleted) {
      blobStore.delete(BlobContainer.UPLOADS, blob); // deleted while this upload ran
      throw deleted;
    }
    if (job.status() == JobStatus.PENDING) {
      return;
    }
    String current =
        blobStore.list(BlobContainer.UPLOADS, blob).stream()
            .filter(info -> info.name().equals(blob))
            .map(BlobInfo::etag)
            .findFirst()
            .orElse(null);
    Optional<ManifestEntry> frozen =
        job.manifestId() == null
            ? Optional.empty()
            : manifests.find(jobId, job.manifestId()).flatMap(m -> manifests.lookup(m, name));
    if (frozen.isPresent() && frozen.get().etag().equals(current)) {
      return; // the start listed it after it was stored: it is processed
    }
    if (frozen.isEmpty()) {
      blobStore.delete(BlobContainer.UPLOADS, blob);
    }
    throw new JobStateConflictException(
        jobId,
        job.status(),
        name
            + " finished uploading after the job was started, so it is not part of the job"
            + (frozen.isEmpty() ? " and was not kept" : "; the job reports it as changed")
            + "; upload it to a new job");
  }

  private static Job requirePending(Job job) {
    if (job.status() != JobStatus.PENDING) {
      throw new JobStateConflictException(
          job.id(), job.status(), "files can be uploaded only while the job is PENDING");
    }
    return job;
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
