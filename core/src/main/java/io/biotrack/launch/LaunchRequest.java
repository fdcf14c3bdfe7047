package io.biotrack.launch;

import io.biotrack.shard.ShardTask;
import java.util.Objects;

/**
 * One attempt at one shard of a job, to run as a worker.
 *
 * @param model the model to run: a file or directory name in the launcher's model cache; null for
 *     the launcher's default
 */
public record LaunchRequest(ShardTask task, WorkerResources resources, String model) {
  public LaunchRequest {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(resources, "resources");
    if (model != null && (model.isBlank() || model.contains("..") || model.startsWith("/"))) {
      throw new IllegalArgumentException("model must be a name inside the model cache: " + model);
    }
  }

  public LaunchRequest(ShardTask task, WorkerResources resources) {
    this(task, resources, null);
  }

  public String jobId() {
    return task.jobId();
  }

  public String tenant() {
    return task.tenant();
  }

  public int attempt() {
    return task.attempt();
  }

  public int shard() {
    return task.shard();
  }

  public String workloadName() {
    return task.workloadName();
  }

  /** {@link #model()}, or {@code fallback} when the job did not choose one. */
  public String modelOr(String fallback) {
    return model != null ? model : fallback;
  }
}
