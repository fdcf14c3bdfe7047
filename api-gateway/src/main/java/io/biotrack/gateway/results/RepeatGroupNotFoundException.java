package io.biotrack.gateway.results;

/** A decision about a repeat detection group that the job's results do not flag. */
public class RepeatGroupNotFoundException extends RuntimeException {
  public RepeatGroupNotFoundException(String jobId, String groupId) {
    super(
        "job "
            + jobId
            + " flags no repeat detection group '"
            + groupId
            + "'; GET /api/v1/jobs/"
            + jobId
            + "/repeats lists the groups and their ids");
  }
}
