package io.biotrack.launch;

import java.util.Objects;

/**
 * One attempt of one job, to run as a worker.
 *
 * @param model the model to run: a file or directory name in the launcher's model cache; null for
 *     the launcher's default
 */
public record LaunchRequest(
    String jobId, String tenant, int attempt, WorkerResources resources, String model) {
  public LaunchRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(resources, "resources");
    if (model != null && (model.isBlank() || model.contains("..") || model.startsWith("/"))) {
      throw new IllegalArgumentException("model must be a name inside the model cache: " + model);
    }
  }

  public LaunchRequest(String jobId, String tenant, int attempt, WorkerResources resources) {
    this(jobId, tenant, attempt, resources, null);
  }

  public String workloadName() {
    return WorkloadNames.of(jobId, attempt);
  }

  /** {@link #model()}, or {@code fallback} when the job did not choose one. */
  public String modelOr(String fallback) {
    return model != null ? model : fallback;
  }
}
