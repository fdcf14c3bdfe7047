package io.biotrack.gateway.job;

/** An upload of a name the job does not have: files are registered before they are uploaded. */
public class FileNotRegisteredException extends RuntimeException {
  public FileNotRegisteredException(String jobId, String file) {
    super(
        "job "
            + jobId
            + " has no file '"
            + file
            + "': register it first with POST /api/v1/jobs/"
            + jobId
            + "/files (or list it when creating the job)");
  }
}
