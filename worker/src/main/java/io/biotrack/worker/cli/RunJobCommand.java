package io.biotrack.worker.cli;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.config.SettingsException;
import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.worker.job.ShardSettings;
import io.biotrack.worker.job.ShardWorker;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code run-job}: one attempt at one shard of a job, configured by the environment. */
@Command(
    name = "run-job",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one attempt at one shard of a Biotrack job (what a container instance, Pod or child"
          + " process runs).",
      "Reads BIOTRACK_JOB_ID, BIOTRACK_TENANT, BIOTRACK_ATTEMPT, BIOTRACK_MANIFEST,"
          + " BIOTRACK_SHARD, BIOTRACK_SHARD_FROM, BIOTRACK_SHARD_COUNT,"
          + " BIOTRACK_CONFIDENCE_THRESHOLD, BIOTRACK_MODEL, BIOTRACK_THREADS and the storage"
          + " settings (BIOTRACK_STORAGE, or BIOTRACK_JOB_ACCESS) from the environment.",
      "Exit codes: 0 the shard's results are written, 1 the attempt failed (another resumes from"
          + " the checkpoint), 2 bad configuration, 3 out of memory."
    })
public final class RunJobCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunJobCommand.class);

  @Override
  public Integer call() {
    ShardSettings settings;
    try {
      settings = ShardSettings.fromEnvironment(System::getenv);
    } catch (SettingsException e) {
      log.error(e.getMessage()); // a log line: JSON when logs are
      return WorkerExitCodes.BAD_CONFIGURATION;
    }
    try {
      return new ShardWorker(
              settings, StorageAdapters.openBlobs(settings.storage()), Clock.systemUTC())
          .run();
    } catch (RuntimeException e) {
      log.error("job {}: storage error", settings.jobId(), e);
      return WorkerExitCodes.ATTEMPT_FAILED;
    }
  }
}
