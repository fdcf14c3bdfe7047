package io.biotrack.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's business metrics (request latency comes from Spring's {@code
 * http.server.requests}). In Prometheus: {@code biotrack_jobs_created_total}, {@code
 * biotrack_jobs_started_total}, {@code biotrack_jobs_cancelled_total}, {@code
 * biotrack_jobs_completed_total}, {@code biotrack_jobs_failed_total}, {@code
 * biotrack_uploads_total}, {@code biotrack_upload_bytes_total}.
 */
public final class GatewayMetrics {
  private final Counter created;
  private final Counter started;
  private final Counter cancelled;
  private final Counter completed;
  private final Counter failed;
  private final Counter uploads;
  private final Counter uploadBytes;

  public GatewayMetrics(MeterRegistry registry) {
    created = counter(registry, "biotrack.jobs.created", "Jobs created");
    started = counter(registry, "biotrack.jobs.started", "Jobs started (PENDING to QUEUED)");
    cancelled = counter(registry, "biotrack.jobs.cancelled", "Jobs cancelled through the API");
    completed =
        counter(registry, "biotrack.jobs.completed", "Jobs seen reaching COMPLETED by this gateway");
    failed = counter(registry, "biotrack.jobs.failed", "Jobs seen reaching FAILED by this gateway");
    uploads = counter(registry, "biotrack.uploads", "Files uploaded through the gateway");
    uploadBytes =
        Counter.builder("biotrack.upload.bytes")
            .description("Bytes of files uploaded through the gateway")
            .baseUnit("bytes")
            .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  public void jobCreated() {
    created.increment();
  }

  public void jobStarted() {
    started.increment();
  }

  public void jobCancelled() {
    cancelled.increment();
  }

  public void jobCompleted() {
    completed.increment();
  }

  public void jobFailed() {
    failed.increment();
  }

  public void fileUploaded(long bytes) {
    uploads.increment();
    uploadBytes.increment(bytes);
  }
}
