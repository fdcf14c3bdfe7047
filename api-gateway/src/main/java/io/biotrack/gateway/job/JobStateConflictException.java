package io.biotrack.gateway.job;

import io.biotrack.job.JobStatus;

/**
 * The job exists but its state does not allow what was asked (start twice, delete a running job).
 */
public class JobStateConflictException extends RuntimeException {
  private final String jobId;
  private final JobStatus state;

  public JobStateConflictException(String jobId, JobStatus state, String why) {
    super("job " + jobId + " is " + state + "; " + why);
    this.jobId = jobId;
    this.state = state;
  }

  public String jobId() {
    return jobId;
  }

  public JobStatus state() {
    return state;
  }
}
