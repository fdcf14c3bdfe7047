package io.biotrack.adapter.local;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobStatus;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import java.time.Clock;

/**
 * Plays a worker child process in {@link LocalCrossProcessIT}: opens the same data directory
 * from the environment (as the real worker does), moves the job LAUNCHING → PROCESSING,
 * reports progress, writes a result blob, completes the job.
 */
public final class ChildProcessWorker {
  private ChildProcessWorker() {}

  public static void main(String[] args) {
    String tenant = System.getenv("BIOTRACK_TENANT");
    String jobId = System.getenv("BIOTRACK_JOB_ID");
    Clock clock = Clock.systemUTC();
    try (StorageAdapters storage = StorageAdapters.open(StorageSettings.fromEnvironment())) {
      var jobs = storage.jobStore();
      jobs.transition(tenant, jobId, JobStatus.LAUNCHING, JobStatus.PROCESSING, null, clock, j -> j);
      jobs.updateProgress(tenant, jobId, new JobCounts(2, 1, 0, 3), clock);
      storage.blobStore().put(BlobContainer.RESULTS, BlobNames.results(jobId), "{}".getBytes());
      jobs.transition(tenant, jobId, JobStatus.PROCESSING, JobStatus.COMPLETED, null, clock,
          j -> j.withCounts(new JobCounts(2, 2, 0, 5), clock.instant()));
    }
  }
}
