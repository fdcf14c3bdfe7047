package io.biotrack.operator.config;

import io.biotrack.config.EnvironmentReader;
import io.biotrack.config.SettingsException;
import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.ingest.IngestSettings;
import io.biotrack.operator.launch.LauncherSettings;
import io.biotrack.operator.launch.RemoteWorkerSettings;
import io.biotrack.operator.launch.aci.AciSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The operator's configuration, read by core's {@link EnvironmentReader}: its own {@code
 * BIOTRACK_OPERATOR_*} variables here, and each part's section from the part itself ({@link
 * JobDefaults#from}, {@link IngestSettings#from}, {@link LauncherSettings#from} with the remote
 * workers', Job, ACI and local launchers' sections). Storage comes from core's {@code
 * StorageSettings}. Every variable is listed in {@code docs/operator.md}.
 *
 * @param namespaces namespaces watched for BioJobs; empty for the operator's own, {@code ["*"]} for
 *     all
 * @param ingest whether this operator drains the job queue (on the leader)
 * @param recordPoll how often the live job records are read, so that a change made elsewhere (a
 *     cancel through the API) reaches its BioJob within this time
 */
public record OperatorSettings(
    Set<String> namespaces,
    JobDefaults jobDefaults,
    DispatchSettings dispatch,
    boolean ingest,
    IngestSettings ingestion,
    int port,
    boolean leaderElection,
    String leaseName,
    boolean serverSideApply,
    Duration recordPoll,
    LauncherSettings launchers) {

  public static final String NAMESPACES = "BIOTRACK_OPERATOR_NAMESPACES";
  public static final String MAX_CONCURRENT = "BIOTRACK_OPERATOR_MAX_CONCURRENT_WORKLOADS";
  public static final String BACKOFF = "BIOTRACK_OPERATOR_BACKOFF_SECONDS";
  public static final String MAX_BACKOFF = "BIOTRACK_OPERATOR_MAX_BACKOFF_SECONDS";
  public static final String POLL = "BIOTRACK_OPERATOR_POLL_SECONDS";
  public static final String RECORD_POLL = "BIOTRACK_OPERATOR_RECORD_POLL_SECONDS";
  public static final String INGEST = "BIOTRACK_OPERATOR_INGEST";
  public static final String PORT = "BIOTRACK_OPERATOR_PORT";
  public static final String LEADER_ELECTION = "BIOTRACK_OPERATOR_LEADER_ELECTION";
  public static final String LEASE_NAME = "BIOTRACK_OPERATOR_LEASE_NAME";
  public static final String SSA = "BIOTRACK_OPERATOR_SERVER_SIDE_APPLY";

  public static OperatorSettings fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * @throws SettingsException listing every missing or invalid variable
   */
  public static OperatorSettings fromEnvironment(Function<String, String> source) {
    EnvironmentReader env = new EnvironmentReader(source);
    OperatorSettings settings = from(env);
    env.throwIfProblems();
    return settings;
  }

  /**
   * Reads the operator's sections, noting every problem in {@code env} (with storage's, read from
   * the same reader, they are reported together).
   *
   * @return null when there were problems
   */
  public static OperatorSettings from(EnvironmentReader env) {
    int before = env.problems().size();
    JobDefaults jobDefaults = JobDefaults.from(env);
    DispatchSettings dispatch = dispatch(env);
    IngestSettings ingestion = IngestSettings.from(env);
    LauncherSettings launchers = LauncherSettings.from(env);
    Launcher launcher = jobDefaults == null ? null : jobDefaults.launcher();
    if (launcher != null && launcher != Launcher.LOCAL && launchers.remote().image() == null) {
      env.problem(
          RemoteWorkerSettings.IMAGE + " is required for the " + launcher.kind() + " launcher");
    }
    if (launcher == Launcher.ACI && env.string(AciSettings.SUBSCRIPTION) == null) {
      env.problem(
          JobDefaults.LAUNCHER
              + "=aci needs "
              + AciSettings.SUBSCRIPTION
              + ", "
              + AciSettings.RESOURCE_GROUP
              + ", "
              + AciSettings.REGION
              + ", "
              + AciSettings.MODEL_SHARE_ACCOUNT
              + " and "
              + AciSettings.MODEL_SHARE_KEY
              + " (and "
              + AciSettings.IDENTITY_ID
              + " with "
              + AciSettings.REGISTRY
              + ")");
    }
    OperatorSettings settings =
        new OperatorSettings(
            Set.copyOf(env.list(NAMESPACES, ",", List.of())),
            jobDefaults,
            dispatch,
            env.bool(INGEST, true),
            ingestion,
            env.integer(PORT, 8080, 0, 65535),
            env.bool(LEADER_ELECTION, true),
            env.string(LEASE_NAME, "biotrack-operator"),
            env.bool(SSA, true),
            env.seconds(RECORD_POLL, Duration.ofSeconds(5)),
            launchers);
    return env.problems().size() > before ? null : settings;
  }

  /** The dispatch engine's knobs under the operator's variable names. */
  private static DispatchSettings dispatch(EnvironmentReader env) {
    int maxConcurrent = env.integer(MAX_CONCURRENT, 10, 1, 10_000);
    Duration backoff = env.seconds(BACKOFF, Duration.ofSeconds(10));
    Duration maxBackoff = env.seconds(MAX_BACKOFF, Duration.ofMinutes(5));
    Duration poll = env.seconds(POLL, Duration.ofSeconds(15));
    if (poll.isZero()) {
      env.problem(POLL + " must be more than 0, was 0");
      return null;
    }
    if (backoff.compareTo(maxBackoff) > 0) {
      env.problem(
          BACKOFF + " must not be more than " + MAX_BACKOFF + " (" + maxBackoff.toSeconds() + ")");
      return null;
    }
    return env.check(() -> new DispatchSettings(maxConcurrent, backoff, maxBackoff, poll));
  }

  /** Never prints the ACI share key. */
  @Override
  public String toString() {
    return "OperatorSettings[namespaces="
        + namespaces
        + ", jobDefaults="
        + jobDefaults
        + ", dispatch="
        + dispatch
        + ", recordPoll="
        + recordPoll
        + ", aci="
        + launchers.aci()
        + "]";
  }

  /** Watches every namespace. */
  public boolean watchesAllNamespaces() {
    return namespaces.contains("*");
  }
}
