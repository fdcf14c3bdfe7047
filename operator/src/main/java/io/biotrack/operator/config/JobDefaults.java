package io.biotrack.operator.config;

import io.biotrack.dispatch.JobLimits;
import io.biotrack.launch.WorkerResources;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.Launcher;
import java.time.Duration;
import java.util.Objects;

/**
 * What a BioJob gets when its spec leaves a field out; the ingestor writes these into every spec
 * it creates, so {@code kubectl get -o yaml} shows what a job runs with.
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

  public JobDefaults {
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(model, "model");
    new JobLimits(maxAttempts, activeDeadline, ttlAfterFinished); // validates
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
