package io.biotrack.gateway.embedded;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code biotrack.embedded.*}: the embedded platform's dispatcher and workers, each fed by a {@code
 * BIOTRACK_*} variable in application-embedded.yaml (docs/configuration.md lists them). The
 * {@code @param} texts are plain: they become the descriptions IDEs show (see {@code
 * GatewayProperties}).
 *
 * @param dispatcher Whether the gateway runs the local dispatcher; false leaves started jobs QUEUED
 *     (BIOTRACK_DISPATCHER).
 * @param workers At most this many jobs run at once; 0 for one per 4 cores, at least 1
 *     (BIOTRACK_WORKERS).
 * @param workerThreads Inference threads of each worker; 0 for the cores divided among the workers,
 *     at least 2 (BIOTRACK_WORKER_THREADS).
 * @param workerJar The worker's jar, run as java -jar JAR run-job (BIOTRACK_WORKER_JAR).
 * @param workerJavaOptions JVM options of each worker, separated by spaces
 *     (BIOTRACK_WORKER_JAVA_OPTS).
 * @param workerCommand Replaces the whole worker command when set, words separated by spaces
 *     (BIOTRACK_LOCAL_WORKER_COMMAND).
 * @param model A MegaDetector TorchScript file, or the folder holding it; empty for the data
 *     directory's models folder (BIOTRACK_MODEL).
 * @param defaultModel The installed model a job that names none runs; empty for MDv5a if installed,
 *     else the first of the catalogue's that is (BIOTRACK_DEFAULT_MODEL).
 * @param testModel The small test model used when there is no real one (BIOTRACK_TEST_MODEL).
 * @param maxAttempts Worker attempts per job, the first included (BIOTRACK_MAX_ATTEMPTS).
 * @param jobDeadline A job not finished this long after it got a worker fails
 *     (BIOTRACK_JOB_DEADLINE).
 * @param retryBackoff The wait before the second attempt; it doubles for each further one, at most
 *     1 minute (BIOTRACK_RETRY_BACKOFF).
 * @param interval How often the dispatcher looks at the queue and the running jobs
 *     (BIOTRACK_DISPATCH_INTERVAL).
 * @param intakeVisibility How long a queue message the dispatcher could not take stays hidden
 *     (BIOTRACK_INTAKE_VISIBILITY).
 * @param finishedTtl How long the dispatcher remembers a finished job; the job and its results stay
 *     (BIOTRACK_DISPATCH_FINISHED_TTL).
 */
@ConfigurationProperties("biotrack.embedded")
public record EmbeddedProperties(
    @DefaultValue("true") boolean dispatcher,
    @DefaultValue("0") int workers,
    @DefaultValue("0") int workerThreads,
    @DefaultValue("worker/target/biotrack-worker.jar") String workerJar,
    @DefaultValue("") String workerJavaOptions,
    @DefaultValue("") String workerCommand,
    @DefaultValue("") String model,
    @DefaultValue("") String defaultModel,
    @DefaultValue("models/testing/biotrack-test-md.torchscript") String testModel,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("6h") Duration jobDeadline,
    @DefaultValue("5s") Duration retryBackoff,
    @DefaultValue("1s") Duration interval,
    @DefaultValue("30s") Duration intakeVisibility,
    @DefaultValue("1h") Duration finishedTtl) {

  /** {@link #workers()}, with 0 resolved for {@code cores}. */
  public int effectiveWorkers(int cores) {
    return workers > 0 ? workers : Math.max(1, cores / 4);
  }

  /** {@link #workerThreads()}, with 0 resolved for {@code cores}. */
  public int effectiveWorkerThreads(int cores) {
    return workerThreads > 0
        ? Math.max(2, workerThreads)
        : Math.max(2, cores / effectiveWorkers(cores));
  }
}
