package io.biotrack.job;

public class JobAlreadyExistsException extends RuntimeException {
  public JobAlreadyExistsException(String tenant, String jobId) {
    super("job " + jobId + " already exists for tenant " + tenant);
  }
}
