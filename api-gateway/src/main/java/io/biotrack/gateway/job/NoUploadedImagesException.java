package io.biotrack.gateway.job;

/** Start was asked for a job that has no uploaded image. */
public class NoUploadedImagesException extends RuntimeException {
  public NoUploadedImagesException(String jobId) {
    super("job " + jobId + " has no uploaded image; upload at least one before starting it");
  }
}
