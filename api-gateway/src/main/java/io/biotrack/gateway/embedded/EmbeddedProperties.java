package io.biotrack.gateway.embedded;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code biotrack.embedded.*}: the embedded platform's dispatcher and workers, each fed by a
 * {@code BIOTRACK_*} variable in application-embedded.yaml (docs/configuration.md lists them).
 *
 * @param dispatcher run the local dispatcher (off only in tests that play the worker themselves)
 * @param workers at most this many workers at once; 0: one per 4 cores, at least 1
 * @param workerThreads inference threads per worker; 0: the cores divided among the workers, at
 *     least 2
 * @param workerJar the worker's jar, run as {@code java -jar JAR run-job}
 * @param workerJavaOptions JVM options for each worker, separated by spaces
 * @param workerCommand replaces the whole worker command when set (words separated by spaces)
 * @param model a model file, or the models folder; empty: {@code {data}/models/}
 * @param defaultModel the installed model a job that chooses none runs; empty: MDv5a if
 *     installed, else the first of the catalogue's that is
 * @param testModel the small test model used when there is no real one
 * @param maxAttempts worker attempts per job, the first included
 * @param jobDeadline a job not finished this long after it got a worker fails
 * @param retryBackoff the wait before the second attempt; doubles for each further one
 * @param interval pause between two passes of the dispatcher
 * @param intakeVisibility how long a queue message the dispatcher could not take stays hidden
 * @param finishedTtl how long the dispatcher remembers a finished job (the job itself stays)
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
    return workerThreads > 0 ? Math.max(2, workerThreads) : Math.max(2, cores / effectiveWorkers(cores));
  }
}
