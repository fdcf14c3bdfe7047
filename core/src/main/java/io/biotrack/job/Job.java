package io.biotrack.job;

import java.time.Instant;
import java.util.Objects;

/**
 * One job record: the row {@code biotrackjobs(PartitionKey=tenant, RowKey=id)}.
 *
 * @param manifestId the manifest frozen when the job was started (the files it processes); null
 *     before
 * @param shards how the job's shards stand once started; {@link ShardCounts#NONE} before
 * @param version opaque compare-and-set token (the Azure ETag, a counter locally); null before the
 *     record is stored
 */
public record Job(
    String id,
    String tenant,
    String name,
    JobStatus status,
    JobCounts counts,
    int attempt,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    String message,
    JobOptions options,
    String manifestId,
    ShardCounts shards,
    String version) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(options, "options");
    shards = shards == null ? ShardCounts.NONE : shards;
    name = name == null ? "" : name;
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt cannot be negative");
    }
  }

  /** A new PENDING job, not yet stored. */
  public static Job newPending(
      String id, String tenant, String name, int imageCount, JobOptions options, Instant now) {
    return new Job(
        id,
        tenant,
        name,
        JobStatus.PENDING,
        JobCounts.ofImages(imageCount),
        0,
        now,
        now,
        null,
        null,
        null,
        options,
        null,
        ShardCounts.NONE,
        null);
  }

  /**
   * This job moved to {@code next}, with the timestamps that state implies. Validates the state
   * machine; the store's compare-and-set makes the move exclusive.
   */
  public Job moveTo(JobStatus next, String message, Instant now) {
    status.checkMoveTo(next);
    Instant started = startedAt;
    if (next == JobStatus.PROCESSING && started == null) {
      started = now;
    }
    Instant completed = next.isTerminal() ? now : completedAt;
    return new Job(
        id,
        tenant,
        name,
        next,
        counts,
        attempt,
        createdAt,
        now,
        started,
        completed,
        message,
        options,
        manifestId,
        shards,
        version);
  }

  public Job withAttempt(int newAttempt) {
    return new Job(
        id,
        tenant,
        name,
        status,
        counts,
        newAttempt,
        createdAt,
        updatedAt,
        startedAt,
        completedAt,
        message,
        options,
        manifestId,
        shards,
        version);
  }

  public Job withCounts(JobCounts newCounts, Instant now) {
    return new Job(
        id,
        tenant,
        name,
        status,
        newCounts,
        attempt,
        createdAt,
        now,
        startedAt,
        completedAt,
        message,
        options,
        manifestId,
        shards,
        version);
  }

  public Job withMessage(String newMessage, Instant now) {
    return new Job(
        id,
        tenant,
        name,
        status,
        counts,
        attempt,
        createdAt,
        now,
        startedAt,
        completedAt,
        newMessage,
        options,
        manifestId,
        shards,
        version);
  }

  public Job withVersion(String newVersion) {
    return new Job(
        id,
        tenant,
        name,
        status,
        counts,
        attempt,
        createdAt,
        updatedAt,
        startedAt,
        completedAt,
        message,
        options,
        manifestId,
        shards,
        newVersion);
  }

  /** This job with its frozen manifest: {@code count} files, none processed yet. */
  public Job withManifest(String newManifestId, int count, Instant now) {
    return new Job(
        id,
        tenant,
        name,
        status,
        counts.withImageCount(count),
        attempt,
        createdAt,
        now,
        startedAt,
        completedAt,
        message,
        options,
        newManifestId,
        shards,
        version);
  }

  public Job withShards(ShardCounts newShards, Instant now) {
    return new Job(
        id,
        tenant,
        name,
        status,
        counts,
        attempt,
        createdAt,
        now,
        startedAt,
        completedAt,
        message,
        options,
        manifestId,
        newShards,
        version);
  }

  public boolean isTerminal() {
    return status.isTerminal();
  }
}
