package io.biotrack.worker.cli;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.worker.job.BadConfigurationException;
import io.biotrack.worker.job.JobSettings;
import io.biotrack.worker.job.JobWorker;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code run-job}: one job attempt, configured by the environment (see {@link JobSettings}). */
@Command(
    name = "run-job",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one attempt of a Biotrack job (what a container instance, Pod or child process runs).",
      "Reads BIOTRACK_JOB_ID, BIOTRACK_TENANT, BIOTRACK_ATTEMPT, BIOTRACK_MODEL, BIOTRACK_THREADS"
          + " and the BIOTRACK_STORAGE settings from the environment.",
      "Exit codes: 0 done (or stopped because the job was cancelled), 1 job failed, 2 bad"
          + " configuration, 3 out of memory (retried; the next attempt skips an image it died"
          + " decoding), 4 stale attempt or job not runnable."
    })
public final class RunJobCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunJobCommand.class);

  @Override
  public Integer call() {
    JobSettings settings;
    try {
      settings = JobSettings.fromEnvironment(System::getenv);
    } catch (BadConfigurationException e) {
      System.err.println("biotrack-worker run-job: " + e.getMessage());
      return WorkerExitCodes.BAD_CONFIGURATION;
    }
    try (StorageAdapters storage = StorageAdapters.open(settings.storage())) {
      return new JobWorker(settings, storage.jobStore(), storage.blobStore(), Clock.systemUTC()).run();
    } catch (RuntimeException e) {
      log.error("job {}: storage error", settings.jobId(), e);
      return WorkerExitCodes.JOB_FAILED;
    }
  }
}
