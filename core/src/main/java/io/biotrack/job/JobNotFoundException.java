package io.biotrack.job;

/** No job with this id for this tenant (another tenant's job is "not found" too). */
public class JobNotFoundException extends RuntimeException {
  public JobNotFoundException(String tenant, String jobId) {
    super("no job " + jobId + " for tenant " + tenant);
  }
}
