package io.biotrack.embedded.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the local launcher starts workers.
 *
 * @param command the worker command, e.g. {@code java -jar worker/target/biotrack-worker.jar
 *     run-job}
 * @param environment added to the launcher's own environment for every worker (the storage
 *     settings); per-attempt variables come from {@link io.biotrack.launch.WorkerEnvironment}
 * @param stateDir one folder per workload ({@code {name}/pid}, {@code {name}/exit}) and the
 *     workers' logs ({@code logs/{name}.log}); it survives restarts so a restarted dispatcher finds
 *     its workers again
 * @param modelDir the model cache; {@code BIOTRACK_MODEL} is {@code modelDir/{model}}
 * @param defaultModel the model name used when a job chooses none
 */
public record LocalLauncherSettings(
    List<String> command,
    Map<String, String> environment,
    Path stateDir,
    Path modelDir,
    String defaultModel) {

  public LocalLauncherSettings {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(modelDir, "modelDir");
    Objects.requireNonNull(defaultModel, "defaultModel");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the worker command is empty");
    }
  }
}
