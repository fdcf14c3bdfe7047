package io.biotrack.gateway.job;

import io.biotrack.job.Job;
import io.biotrack.storage.SignedUrl;
import java.time.Instant;
import java.util.List;

/** A new PENDING job and where to upload each of its files. */
public record CreatedJob(Job job, List<FileUpload> uploads, Instant expiresAt) {
  public CreatedJob {
    uploads = List.copyOf(uploads);
  }

  public record FileUpload(String name, SignedUrl target) {}
}
