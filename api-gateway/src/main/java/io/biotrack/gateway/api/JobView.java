package io.biotrack.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.job.Inference;
import io.biotrack.job.Job;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.job.ShardCounts;
import io.biotrack.storage.SignedUrl;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;

/** A job as the API shows it. Fields without a value (no start yet, no message) are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    description = "A job: state, progress counts, timestamps, and the results link once COMPLETED")
public record JobView(
    @Schema(example = "7zzzzzzzzz0k3m6q2r9x4bd8ft") String jobId,
    @Schema(example = "Serra da Canastra, May") String name,
    JobStatus status,
    @Schema(
            description = "Files registered so far; once started, the files the job processes",
            example = "3")
        int imageCount,
    int processedCount,
    int failedCount,
    long detectionCount,
    @Schema(
            description =
                "Only for a job created with previousJobId: processed photos whose results were"
                    + " copied from that job (equal content), not run again",
            example = "1840")
        Integer reusedCount,
    @Schema(description = "Worker attempts so far") int attempt,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    @Schema(description = "Why the job failed or was cancelled") String message,
    JobOptions options,
    @Schema(description = "Once started: how the job's shards stand") Shards shards,
    @Schema(description = "Only when COMPLETED") ResultsLink results,
    @Schema(
            description =
                "Set while the platform runs the small test model: the results are not real"
                    + " detections")
        String warning) {

  @Schema(description = "A started job runs in shards, each a range of its files on its own worker")
  public record Shards(
      int total,
      int running,
      int completed,
      int failed,
      @Schema(description = "Where the workers run the model, as they report it: cpu or cuda:N")
          String device,
      @Schema(
              description =
                  "Images the workers give the model at once (grouped by letterboxed size)")
          Integer batchSize) {
    static Shards of(ShardCounts counts) {
      if (counts.total() == 0) {
        return null;
      }
      Inference inference = counts.inference();
      return new Shards(
          counts.total(),
          counts.running(),
          counts.completed(),
          counts.failed(),
          inference == null ? null : inference.device(),
          inference == null ? null : inference.batchSize());
    }
  }

  @Schema(description = "A short-lived, read-only URL of the results file")
  public record ResultsLink(URI url, Instant expiresAt) {}

  public static JobView of(Job job) {
    return of(job, null);
  }

  public static JobView of(Job job, SignedUrl resultsUrl) {
    return new JobView(
        job.id(),
        job.name(),
        job.status(),
        job.counts().imageCount(),
        job.counts().processedCount(),
        job.counts().failedCount(),
        job.counts().detectionCount(),
        job.options().previousJobId() == null ? null : job.counts().reusedCount(),
        job.attempt(),
        job.createdAt(),
        job.updatedAt(),
        job.startedAt(),
        job.completedAt(),
        job.message(),
        job.options(),
        Shards.of(job.shards()),
        resultsUrl == null ? null : new ResultsLink(resultsUrl.url(), resultsUrl.expiresAt()),
        null);
  }

  /** This view with {@code text} as its warning (null: none). */
  public JobView withWarning(String text) {
    return new JobView(
        jobId,
        name,
        status,
        imageCount,
        processedCount,
        failedCount,
        detectionCount,
        reusedCount,
        attempt,
        createdAt,
        updatedAt,
        startedAt,
        completedAt,
        message,
        options,
        shards,
        results,
        text);
  }
}
