package io.biotrack.launch;

import java.util.Objects;

/** One attempt of one job, to run as a worker. */
public record LaunchRequest(String jobId, String tenant, int attempt, WorkerResources resources) {
  public LaunchRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(resources, "resources");
  }

  public String workloadName() {
    return WorkloadNames.of(jobId, attempt);
  }
}
