package io.biotrack.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's business metrics (request latency comes from Spring's {@code
 * http.server.requests}). In Prometheus: {@code biotrack_job_events_total{event=...}} with events
 * {@code created}, {@code started}, {@code cancelled} (through this API) and {@code completed},
 * {@code failed} (seen by this gateway's tracker); {@code biotrack_uploads_total} and {@code
 * biotrack_upload_bytes_total}. One counter with an {@code event} label rather than {@code
 * biotrack_jobs_created_total}: Prometheus reserves the {@code _created} suffix.
 */
public final class GatewayMetrics {
  private static final String JOB_EVENTS = "biotrack.job.events";

  private final Counter created;
  private final Counter started;
  private final Counter cancelled;
  private final Counter completed;
  private final Counter failed;
  private final Counter uploads;
  private final Counter uploadBytes;

  public GatewayMetrics(MeterRegistry registry) {
    created = jobEvent(registry, "created");
    started = jobEvent(registry, "started");
    cancelled = jobEvent(registry, "cancelled");
    completed = jobEvent(registry, "completed");
    failed = jobEvent(registry, "failed");
    uploads =
        Counter.builder("biotrack.uploads")
            .description("Files uploaded through the gateway")
            .register(registry);
    uploadBytes =
        Counter.builder("biotrack.upload.bytes")
            .description("Bytes of files uploaded through the gateway")
            .baseUnit("bytes")
            .register(registry);
  }

  private static Counter jobEvent(MeterRegistry registry, String event) {
    return Counter.builder(JOB_EVENTS)
        .description(
            "Job lifecycle events: created, started, cancelled here; completed, failed seen")
        .tag("event", event)
        .register(registry);
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
