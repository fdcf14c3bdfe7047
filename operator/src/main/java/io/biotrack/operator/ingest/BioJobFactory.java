package io.biotrack.operator.ingest;

import io.biotrack.job.Job;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.WorkerResourcesSpec;
import io.biotrack.operator.config.JobDefaults;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;

/** The BioJob for a job record, with every optional spec field filled from the defaults. */
public final class BioJobFactory {
  public static final String JOB_ID_LABEL = "biotrack.io/job-id";

  private final JobDefaults defaults;

  public BioJobFactory(JobDefaults defaults) {
    this.defaults = defaults;
  }

  public BioJob bioJobFor(Job job, String namespace) {
    BioJob resource = new BioJob();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName(BioJob.nameFor(job.id()))
            .withNamespace(namespace)
            .addToLabels(JOB_ID_LABEL, job.id())
            .addToLabels("app.kubernetes.io/managed-by", "biotrack-operator")
            .build());
    resource.setSpec(
        new BioJobSpec(
            job.id(),
            job.tenant(),
            job.counts().imageCount(),
            job.options().model() != null ? job.options().model() : defaults.model(),
            job.options().confidenceThreshold(),
            defaults.launcher(),
            WorkerResourcesSpec.of(defaults.resources()),
            defaults.maxAttempts(),
            seconds(defaults.activeDeadline()),
            seconds(defaults.ttlAfterFinished()),
            false));
    return resource;
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }
}
