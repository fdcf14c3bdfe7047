package io.biotrack.gateway.support;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Plays the dispatcher and a worker for one QUEUED job of a gateway that runs without a
 * dispatcher, through the same storage ({@code BIOTRACK_*} settings, the gateway's data
 * directory), so the browser tests can show states the real platform passes through too quickly
 * or only on faults:
 *
 * <ul>
 *   <li>{@code TENANT JOB_ID progress MILLIS}: LAUNCHING, PROCESSING, then one more processed
 *       image every MILLIS (never all of them); exits 0 once the job is no longer PROCESSING
 *       (cancelled), as a worker does, or after ten minutes.
 *   <li>{@code TENANT JOB_ID fail MESSAGE}: FAILED with that message, as the dispatcher writes it
 *       when a job runs out of attempts.
 * </ul>
 */
public final class StandInWorker {
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

  private StandInWorker() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4 || !(args[2].equals("progress") || args[2].equals("fail"))) {
      System.err.println("usage: StandInWorker TENANT JOB_ID progress MILLIS | fail MESSAGE");
      System.exit(2);
    }
    String tenant = args[0];
    String jobId = args[1];
    Clock clock = Clock.systemUTC();
    try (StorageAdapters storage = StorageAdapters.open(StorageSettings.fromEnvironment())) {
      if (args[2].equals("fail")) {
        storage
            .jobStore()
            .transition(tenant, jobId, JobStatus.QUEUED, JobStatus.FAILED, args[3], clock, j -> j);
        return;
      }
      long millis = Long.parseLong(args[3]);
      WorkerSteps steps = new WorkerSteps(storage.jobStore(), storage.blobStore());
      steps.launch(tenant, jobId);
      Job job = steps.process(tenant, jobId);
      Instant giveUp = clock.instant().plus(GIVE_UP_AFTER);
      int processed = 0;
      while (job.status() == JobStatus.PROCESSING && clock.instant().isBefore(giveUp)) {
        Thread.sleep(millis);
        processed = Math.min(processed + 1, job.counts().imageCount() - 1);
        job = steps.progress(tenant, jobId, processed);
      }
    }
  }
}
