package io.biotrack.shard;

import io.biotrack.job.JobIds;
import io.biotrack.job.SpeciesOptions;
import java.util.Objects;

/**
 * One attempt at one shard, as a worker receives it: everything it needs to process its range of
 * the job's manifest without reading the job record.
 *
 * @param from the shard's first manifest entry
 * @param count how many entries the shard holds
 * @param confidenceThreshold the job's option
 * @param species the job's species classification choice
 * @param previousJobId the job (same tenant, same model and options) whose results this one reuses
 *     for photos of equal content; null for none
 */
public record ShardTask(
    String jobId,
    String tenant,
    String manifestId,
    int shard,
    long from,
    int count,
    int attempt,
    double confidenceThreshold,
    SpeciesOptions species,
    String previousJobId) {

  public ShardTask {
    if (!JobIds.isValid(jobId)) {
      throw new IllegalArgumentException("'" + jobId + "' is not a job id");
    }
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(manifestId, "manifestId");
    if (shard < 0 || from < 0 || count < 0 || attempt < 1) {
      throw new IllegalArgumentException("need shard, from, count >= 0 and attempt >= 1");
    }
    if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
      throw new IllegalArgumentException("confidenceThreshold must be between 0 and 1");
    }
    species = species == null ? SpeciesOptions.NONE : species;
    if (previousJobId != null && !JobIds.isValid(previousJobId)) {
      throw new IllegalArgumentException("'" + previousJobId + "' is not a job id");
    }
  }

  public ShardTask(
      String jobId,
      String tenant,
      String manifestId,
      int shard,
      long from,
      int count,
      int attempt,
      double confidenceThreshold,
      SpeciesOptions species) {
    this(
        jobId, tenant, manifestId, shard, from, count, attempt, confidenceThreshold, species, null);
  }

  /** A shard that detects only. */
  public ShardTask(
      String jobId,
      String tenant,
      String manifestId,
      int shard,
      long from,
      int count,
      int attempt,
      double confidenceThreshold) {
    this(
        jobId,
        tenant,
        manifestId,
        shard,
        from,
        count,
        attempt,
        confidenceThreshold,
        SpeciesOptions.NONE);
  }

  /** The same attempt, reusing {@code previous}'s results for photos of equal content. */
  public ShardTask reusing(String previous) {
    return new ShardTask(
        jobId,
        tenant,
        manifestId,
        shard,
        from,
        count,
        attempt,
        confidenceThreshold,
        species,
        previous);
  }

  /** The workload's deterministic name, {@code biotrack-{jobId}-{shard}-{attempt}}. */
  public String workloadName() {
    return ShardNames.workload(jobId, shard, attempt);
  }
}
