package io.biotrack.manifest;

/** A job's manifest is missing or unreadable: the job cannot be processed as it was started. */
public class ManifestNotFoundException extends RuntimeException {
  public ManifestNotFoundException(String jobId, String manifestId) {
    super("job " + jobId + " has no manifest " + manifestId);
  }

  public ManifestNotFoundException(String jobId, String manifestId, Throwable cause) {
    super("the manifest " + manifestId + " of job " + jobId + " is unreadable", cause);
  }
}
