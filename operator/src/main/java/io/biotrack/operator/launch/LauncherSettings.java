package io.biotrack.operator.launch;

import io.biotrack.config.EnvironmentReader;
import io.biotrack.operator.launch.aci.AciSettings;
import io.biotrack.operator.launch.aci.ArmSettings;
import io.biotrack.operator.launch.kube.WorkerJobSettings;
import java.util.Objects;

/**
 * Every launcher's own section of the configuration, as {@link LauncherAssembly} builds the
 * launchers from them.
 *
 * @param workerJobs the Job launchers; null without a worker image
 * @param aci the ACI launcher; null when not configured
 */
public record LauncherSettings(
    RemoteWorkerSettings remote,
    WorkerJobSettings workerJobs,
    AciSettings aci,
    ArmSettings arm,
    LocalSettings local) {

  public LauncherSettings {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(local, "local");
  }

  public static LauncherSettings from(EnvironmentReader env) {
    RemoteWorkerSettings remote = RemoteWorkerSettings.from(env);
    return new LauncherSettings(
        remote,
        WorkerJobSettings.from(env, remote),
        AciSettings.from(env, remote),
        ArmSettings.from(env),
        LocalSettings.from(env));
  }
}
