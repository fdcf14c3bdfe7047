package io.biotrack.operator.config;

import io.biotrack.config.EnvironmentReader;
import io.biotrack.dispatch.JobLimits;
import io.biotrack.launch.WorkerResources;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.Launcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a BioJob gets when its spec leaves a field out; the ingestor writes these into every spec it
 * creates, so {@code kubectl get -o yaml} shows what a job runs with. From {@code
 * BIOTRACK_OPERATOR_LAUNCHER}, {@code BIOTRACK_WORKER_CPU}/{@code _MEMORY_GB}/{@code _GPU}, {@code
 * BIOTRACK_MODEL_NAME} and the attempt, deadline and TTL variables ({@link #from}).
 *
 * @param activeDeadline null for none
 * @param ttlAfterFinished null to keep finished BioJobs
 */
public record JobDefaults(
    Launcher launcher,
    WorkerResources resources,
    String model,
    int maxAttempts,
    Duration activeDeadline,
    Duration ttlAfterFinished) {

  public static final String LAUNCHER = "BIOTRACK_OPERATOR_LAUNCHER";
  public static final String MAX_ATTEMPTS = "BIOTRACK_OPERATOR_MAX_ATTEMPTS";
  public static final String DEADLINE = "BIOTRACK_OPERATOR_ACTIVE_DEADLINE_SECONDS";
  public static final String TTL = "BIOTRACK_OPERATOR_TTL_SECONDS_AFTER_FINISHED";
  public static final String WORKER_CPU = "BIOTRACK_WORKER_CPU";
  public static final String WORKER_MEMORY_GB = "BIOTRACK_WORKER_MEMORY_GB";
  public static final String WORKER_GPU = "BIOTRACK_WORKER_GPU";
  public static final String MODEL_NAME = "BIOTRACK_MODEL_NAME";

  public JobDefaults {
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(model, "model");
    new JobLimits(maxAttempts, activeDeadline, ttlAfterFinished); // validates
  }

  /**
   * Reads the defaults, noting problems in {@code env}.
   *
   * @return null when there were problems
   */
  public static JobDefaults from(EnvironmentReader env) {
    Map<String, Launcher> launchers = new LinkedHashMap<>();
    for (Launcher launcher : Launcher.values()) {
      launchers.put(launcher.kind(), launcher);
    }
    Launcher launcher = env.choice(LAUNCHER, Launcher.KUBERNETES, launchers);
    double cpu = env.decimal(WORKER_CPU, 4, 0.1, 31);
    double memoryGb = env.decimal(WORKER_MEMORY_GB, 8, 0.5, 240);
    int gpu = env.integer(WORKER_GPU, 0, 0, 8);
    String model = env.string(MODEL_NAME, "md_v5a.0.0.torchscript");
    int maxAttempts = env.integer(MAX_ATTEMPTS, 3, 1, 20);
    Duration deadline = env.secondsOrNone(DEADLINE, Duration.ofHours(6));
    Duration ttl = env.seconds(TTL, Duration.ofDays(1));
    WorkerResources resources = env.check(() -> new WorkerResources(cpu, memoryGb, gpu));
    if (resources == null) {
      return null;
    }
    return env.check(() -> new JobDefaults(launcher, resources, model, maxAttempts, deadline, ttl));
  }

  /** The spec's limits, each falling back to these defaults. */
  public JobLimits limitsFor(BioJobSpec spec) {
    return new JobLimits(
        spec.maxAttempts() != null ? spec.maxAttempts() : maxAttempts,
        spec.activeDeadlineSeconds() != null
            ? Duration.ofSeconds(spec.activeDeadlineSeconds())
            : activeDeadline,
        spec.ttlSecondsAfterFinished() != null
            ? Duration.ofSeconds(spec.ttlSecondsAfterFinished())
            : ttlAfterFinished);
  }

  public WorkerResources resourcesFor(BioJobSpec spec) {
    return spec.resources() != null ? spec.resources().toWorkerResources() : resources;
  }

  public String modelFor(BioJobSpec spec) {
    return spec.model() != null ? spec.model() : model;
  }

  public Launcher launcherFor(BioJobSpec spec) {
    return spec.launcher() != null ? spec.launcher() : launcher;
  }
}
