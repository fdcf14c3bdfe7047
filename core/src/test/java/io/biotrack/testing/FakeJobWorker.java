package io.biotrack.testing;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Job;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.WorkerExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * A stand-in for the worker's job mode ({@code run-job}) in dispatcher tests, run as a child JVM.
 * It keeps the job-mode contract without a model: LAUNCHING → PROCESSING by compare-and-set only
 * for its own attempt (exit {@code STALE_ATTEMPT} otherwise), progress per step, stops (exit 0) when the job leaves
 * PROCESSING, then COMPLETED with every image processed.
 *
 * <p>{@code FAKE_WORK_STEPS} (default 3) steps of {@code FAKE_STEP_MILLIS} (default 200) each;
 * {@code FAKE_WORKER_EXITS} ("1,0": attempt 1 exits 1 halfway, attempt 2 completes); each start
 * appends "{attempt}" as a line to {@code FAKE_RUNS_DIR/{jobId}} when set, so a test counts runs.
 */
public final class FakeJobWorker {
  private FakeJobWorker() {}

  public static void main(String[] args) throws Exception {
    String tenant = System.getenv("BIOTRACK_TENANT");
    String jobId = System.getenv("BIOTRACK_JOB_ID");
    int attempt = Integer.parseInt(System.getenv("BIOTRACK_ATTEMPT"));
    int steps = intEnv("FAKE_WORK_STEPS", 3);
    long stepMillis = intEnv("FAKE_STEP_MILLIS", 200);
    int exit = FakeWorker.exitCode(System.getenv("FAKE_WORKER_EXITS"), Integer.toString(attempt));
    Clock clock = Clock.systemUTC();
    try (StorageAdapters storage = StorageAdapters.open(StorageSettings.fromEnvironment())) {
      JobStore jobs = storage.jobStore();
      Job job = jobs.get(tenant, jobId);
      if (job.attempt() != attempt || job.status() != JobStatus.LAUNCHING) {
        System.out.println("stale attempt " + attempt + ": job is " + job.status() + " at " + job.attempt());
        System.exit(WorkerExitCodes.STALE_ATTEMPT);
      }
      try {
        job = jobs.compareAndSet(job, job.moveTo(JobStatus.PROCESSING, null, clock.instant()));
      } catch (ConcurrentUpdateException | IllegalTransitionException lost) {
        System.exit(WorkerExitCodes.STALE_ATTEMPT);
      }
      recordRun(jobId, attempt);
      int images = job.counts().imageCount();
      for (int step = 1; step <= steps; step++) {
        Thread.sleep(stepMillis);
        if (exit != 0 && step > steps / 2) {
          System.out.println("failing attempt " + attempt + " on purpose");
          System.exit(exit);
        }
        int done = images * step / steps;
        Job now = jobs.updateProgress(tenant, jobId, new JobCounts(images, done, 0, done), clock);
        if (now.status() != JobStatus.PROCESSING) {
          System.out.println("job is " + now.status() + "; stopping");
          System.exit(WorkerExitCodes.SUCCESS);
        }
      }
      jobs.transition(
          tenant, jobId, JobStatus.PROCESSING, JobStatus.COMPLETED, null, clock,
          j -> j.withCounts(new JobCounts(images, images, 0, images), clock.instant()));
      System.out.println("completed attempt " + attempt);
    }
  }

  /** The command that runs this class with the current class path. */
  public static List<String> command() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        FakeJobWorker.class.getName());
  }

  private static void recordRun(String jobId, int attempt) throws Exception {
    String dir = System.getenv("FAKE_RUNS_DIR");
    if (dir != null) {
      Files.writeString(
          Path.of(dir).resolve(jobId), attempt + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  private static int intEnv(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }
}
