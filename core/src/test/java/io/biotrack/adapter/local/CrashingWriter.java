package io.biotrack.adapter.local;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobOptions;
import java.time.Instant;

/**
 * Plays a process that dies right after a commit (kill -9: no shutdown hook, no close): stores the
 * job {@code args[0]} in the data directory {@code BIOTRACK_DATA_DIR}, then halts.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  public static void main(String[] args) {
    StorageAdapters storage = StorageAdapters.open(StorageSettings.fromEnvironment());
    storage
        .jobStore()
        .create(Job.newPending(args[0], "t", "x", 1, JobOptions.DEFAULTS, Instant.now()));
    Runtime.getRuntime().halt(9);
  }
}
