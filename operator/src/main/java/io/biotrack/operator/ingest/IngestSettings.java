package io.biotrack.operator.ingest;

import io.biotrack.config.EnvironmentReader;
import java.time.Duration;

/**
 * How the ingestor drains the job queue ({@code BIOTRACK_OPERATOR_INGEST_*}).
 *
 * @param namespace where BioJobs are created; null in the configuration for the operator's own
 *     namespace, which {@link #inNamespace} fills in once it is known
 * @param batch messages received per pass
 * @param visibility how long a received message stays hidden; one not deleted in time (the operator
 *     crashed, the job is unknown) comes back
 * @param interval pause between passes that found nothing
 */
public record IngestSettings(String namespace, int batch, Duration visibility, Duration interval) {
  public static final String JOB_NAMESPACE = "BIOTRACK_OPERATOR_JOB_NAMESPACE";
  public static final String BATCH = "BIOTRACK_OPERATOR_INGEST_BATCH";
  public static final String VISIBILITY = "BIOTRACK_OPERATOR_INGEST_VISIBILITY_SECONDS";
  public static final String INTERVAL = "BIOTRACK_OPERATOR_INGEST_INTERVAL_SECONDS";

  public IngestSettings {
    if (batch < 1 || batch > 32) {
      throw new IllegalArgumentException("batch must be between 1 and 32 (Azure's maximum)");
    }
    if (visibility.isNegative() || visibility.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("visibility must be positive, interval not negative");
    }
  }

  /**
   * @return null when there were problems (noted in {@code env})
   */
  public static IngestSettings from(EnvironmentReader env) {
    String namespace = env.string(JOB_NAMESPACE);
    int batch = env.integer(BATCH, 16, 1, 32);
    Duration visibility = env.seconds(VISIBILITY, Duration.ofSeconds(60));
    Duration interval = env.seconds(INTERVAL, Duration.ofSeconds(2));
    if (visibility.isZero()) {
      env.problem(VISIBILITY + " must be more than 0, was 0");
      return null;
    }
    return env.check(() -> new IngestSettings(namespace, batch, visibility, interval));
  }

  /** These settings, creating BioJobs in {@code ownNamespace} unless a namespace was configured. */
  public IngestSettings inNamespace(String ownNamespace) {
    return namespace != null ? this : new IngestSettings(ownNamespace, batch, visibility, interval);
  }
}
