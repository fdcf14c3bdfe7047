package io.biotrack.operator.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How the ingestor drains the job queue.
 *
 * @param namespace where BioJobs are created
 * @param batch messages received per pass
 * @param visibility how long a received message stays hidden; one not deleted in time (the
 *     operator crashed, the job is unknown) comes back
 * @param interval pause between passes that found nothing
 */
public record IngestSettings(String namespace, int batch, Duration visibility, Duration interval) {
  public IngestSettings {
    Objects.requireNonNull(namespace, "namespace");
    if (batch < 1 || batch > 32) {
      throw new IllegalArgumentException("batch must be between 1 and 32 (Azure's maximum)");
    }
    if (visibility.isNegative() || visibility.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("visibility must be positive, interval not negative");
    }
  }
}
