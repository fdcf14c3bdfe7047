package io.biotrack.gateway.job;

import io.biotrack.job.Job;
import io.biotrack.job.JobLogContext;
import io.biotrack.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes jobs that ended more than the retention period ago — the record, the registered files,
 * the manifest, the uploads, the shards' outputs and the results (everything {@link
 * JobService#delete} removes) — so that a platform that runs for years does not keep every season's
 * photos forever. A retention of zero keeps everything.
 */
public final class RetentionSweeper {
  private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

  private final JobScan scan;
  private final JobService jobs;
  private final Clock clock;
  private final Duration retention;

  /**
   * @param retention how long a finished job is kept; zero to keep jobs forever
   */
  public RetentionSweeper(JobScan scan, JobService jobs, Clock clock, Duration retention) {
    if (retention.isNegative()) {
      throw new IllegalArgumentException("the retention period cannot be negative");
    }
    this.scan = scan;
    this.jobs = jobs;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * @return how many jobs were deleted
   */
  public int sweep() {
    if (retention.isZero()) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(retention);
    int deleted = 0;
    for (JobStatus status :
        EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)) {
      for (Job job : scan.inStatus(status, cutoff)) {
        Instant ended = job.completedAt() != null ? job.completedAt() : job.updatedAt();
        if (!ended.isBefore(cutoff)) {
          continue;
        }
        try (JobLogContext ignored = JobLogContext.enter(job.tenant(), job.id())) {
          jobs.delete(job.tenant(), job.id());
          deleted++;
        } catch (RuntimeException e) {
          log.warn(
              "could not delete expired job {}; the next sweep tries again: {}",
              job.id(),
              e.toString());
        }
      }
    }
    if (deleted > 0) {
      log.info("deleted {} job(s) that ended more than {} ago", deleted, retention);
    }
    return deleted;
  }
}
