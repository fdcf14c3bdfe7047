package io.biotrack.operator.launch;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.config.EnvironmentReader;
import io.biotrack.logging.LogFormat;
import io.biotrack.model.ExpectedModelDigests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every worker outside this machine (a Job's Pod, a container group) runs: the image, its
 * command, the model share and where it is mounted, and the environment it gets besides its
 * credentials. Shared by the Job launchers ({@code WorkerJobSettings}) and the ACI launcher ({@code
 * AciSettings}).
 *
 * @param image the worker image; null when not configured (only the {@code local} launcher then)
 * @param environment the storage kind, the operator's own log format and the SHA-256 expected of
 *     each model on the share ({@code BIOTRACK_MODEL_DIGESTS}, the chart's {@code model.sha256}; a
 *     worker refuses a model that differs): no endpoint, no name of a table or queue, no key (a
 *     worker's SAS URLs are all it can reach)
 */
public record RemoteWorkerSettings(
    String image,
    List<String> command,
    String modelShare,
    String modelMountPath,
    Map<String, String> environment) {

  public static final String IMAGE = "BIOTRACK_WORKER_IMAGE";
  public static final String COMMAND = "BIOTRACK_WORKER_COMMAND";
  public static final String MODEL_SHARE = "BIOTRACK_MODEL_SHARE";
  public static final String MODEL_MOUNT_PATH = "BIOTRACK_MODEL_MOUNT_PATH";

  public static final List<String> DEFAULT_COMMAND =
      List.of("java", "-jar", "/app/biotrack-worker.jar", "run-job");

  public RemoteWorkerSettings {
    command = List.copyOf(command);
    Objects.requireNonNull(modelShare, "modelShare");
    Objects.requireNonNull(modelMountPath, "modelMountPath");
    environment = Map.copyOf(environment);
  }

  public static RemoteWorkerSettings from(EnvironmentReader env) {
    LogFormat logFormat = env.choice(LogFormat.VARIABLE, LogFormat.TEXT, LogFormat.byValue());
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(StorageSettings.STORAGE, "azure");
    environment.put(LogFormat.VARIABLE, logFormat.value());
    environment.putAll(modelDigestsEnvironment(env));
    return new RemoteWorkerSettings(
        env.string(IMAGE),
        env.list(COMMAND, " ", DEFAULT_COMMAND),
        env.string(MODEL_SHARE, "modelcache"),
        env.string(MODEL_MOUNT_PATH, "/models"),
        environment);
  }

  /**
   * The deployment's expected model digests as every worker gets them, local ones included; empty
   * when none are listed (or when the list is malformed, which {@code env} then notes).
   */
  public static Map<String, String> modelDigestsEnvironment(EnvironmentReader env) {
    // ExpectedModelDigests' messages name the variable already: check, not parsed
    ExpectedModelDigests digests =
        env.check(() -> ExpectedModelDigests.parse(env.string(ExpectedModelDigests.ENV)));
    return digests == null || digests.isEmpty()
        ? Map.of()
        : Map.of(ExpectedModelDigests.ENV, digests.format());
  }
}
