package io.biotrack.gateway.health;

import io.biotrack.job.JobStore;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Readiness: the job table and the blob store answer. A read of a job and a blob that do not exist,
 * so the check writes nothing.
 */
public final class StorageHealthIndicator implements HealthIndicator {
  private static final String PROBE_ID = "00000000000000000000000000";

  private final JobStore jobStore;
  private final BlobStore blobStore;

  public StorageHealthIndicator(JobStore jobStore, BlobStore blobStore) {
    this.jobStore = jobStore;
    this.blobStore = blobStore;
  }

  @Override
  public Health health() {
    try {
      jobStore.find("health-probe", PROBE_ID);
      blobStore.exists(BlobContainer.UPLOADS, PROBE_ID + "/probe");
      return Health.up().build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
