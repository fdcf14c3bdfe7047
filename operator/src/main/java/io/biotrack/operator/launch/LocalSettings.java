package io.biotrack.operator.launch;

import io.biotrack.config.EnvironmentReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code local} launcher's workers, child processes of the operator (development, end-to-end
 * tests), from the {@code BIOTRACK_LOCAL_*} variables.
 *
 * @param command the worker's command line
 * @param stateDir pid and exit files, {@code logs/{workload}.log}
 * @param modelDir the model cache: a job's model is a file in it
 */
public record LocalSettings(List<String> command, Path stateDir, Path modelDir) {
  public static final String WORKER_COMMAND = "BIOTRACK_LOCAL_WORKER_COMMAND";
  public static final String STATE_DIR = "BIOTRACK_LOCAL_STATE_DIR";
  public static final String MODEL_DIR = "BIOTRACK_LOCAL_MODEL_DIR";

  public static final List<String> DEFAULT_COMMAND =
      List.of("java", "-jar", "worker/target/biotrack-worker.jar", "run-job");

  public LocalSettings {
    command = List.copyOf(command);
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(modelDir, "modelDir");
  }

  public static LocalSettings from(EnvironmentReader env) {
    return new LocalSettings(
        env.list(WORKER_COMMAND, " ", DEFAULT_COMMAND),
        Path.of(env.string(STATE_DIR, ".biotrack/workers")).toAbsolutePath(),
        Path.of(env.string(MODEL_DIR, "models")).toAbsolutePath());
  }
}
