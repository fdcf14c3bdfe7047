package io.biotrack.worker.job;

import io.biotrack.job.Job;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.results.ImageResult;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes the batch's counts to the job record at most every {@code interval} (and once at the
 * start), and asks the batch to stop as soon as a write finds the job no longer PROCESSING under
 * this attempt: cancelled, failed, or handed to a new attempt by the operator.
 */
final class ProgressRecorder implements BatchListener {
  private final JobStore jobs;
  private final String tenant;
  private final String jobId;
  private final int attempt;
  private final Clock clock;
  private final Duration interval;
  private Instant lastWrite;
  private boolean stop;
  private JobStatus foundStatus;
  private int foundAttempt;

  ProgressRecorder(
      JobStore jobs, String tenant, String jobId, int attempt, Clock clock, Duration interval) {
    this.jobs = jobs;
    this.tenant = tenant;
    this.jobId = jobId;
    this.attempt = attempt;
    this.clock = clock;
    this.interval = interval;
  }

  @Override
  public void started(List<ImageResult> resumed, BatchProgress progress) {
    write(progress);
  }

  @Override
  public void imageDone(ImageResult result, BatchProgress progress) {
    if (!clock.instant().isBefore(lastWrite.plus(interval))) {
      write(progress);
    }
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }

  /** What made the batch stop, for the log; null while it runs on. */
  String stopReason() {
    return foundStatus == null ? null : "the job is " + foundStatus + " (attempt " + foundAttempt + ")";
  }

  static JobCounts counts(BatchProgress progress) {
    return new JobCounts(
        progress.total(), progress.done(), progress.failed(), progress.detections());
  }

  private void write(BatchProgress progress) {
    lastWrite = clock.instant();
    Job job = jobs.updateProgress(tenant, jobId, counts(progress), clock);
    if (job.status() != JobStatus.PROCESSING || job.attempt() != attempt) {
      stop = true;
      foundStatus = job.status();
      foundAttempt = job.attempt();
    }
  }
}
