package io.biotrack.gateway.upload;

/** A job exists but holds no uploaded file of that name. */
public class UploadedFileNotFoundException extends RuntimeException {
  public UploadedFileNotFoundException(String jobId, String name) {
    super("job " + jobId + " has no uploaded file '" + name + "'");
  }
}
