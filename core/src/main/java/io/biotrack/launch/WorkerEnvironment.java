package io.biotrack.launch;

import io.biotrack.job.SpeciesOptions;
import io.biotrack.shard.ShardTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-attempt variables every launcher gives a worker in job mode ({@code run-job}): the shard
 * to process and how, next to the storage settings ({@code BIOTRACK_STORAGE} and friends, or {@code
 * BIOTRACK_JOB_ACCESS}). The worker reads no job record: everything it needs is here.
 */
public final class WorkerEnvironment {
  private WorkerEnvironment() {}

  public static final String JOB_ID = "BIOTRACK_JOB_ID";
  public static final String TENANT = "BIOTRACK_TENANT";
  public static final String ATTEMPT = "BIOTRACK_ATTEMPT";
  public static final String MANIFEST = "BIOTRACK_MANIFEST";
  public static final String SHARD = "BIOTRACK_SHARD";
  public static final String SHARD_FROM = "BIOTRACK_SHARD_FROM";
  public static final String SHARD_COUNT = "BIOTRACK_SHARD_COUNT";
  public static final String CONFIDENCE_THRESHOLD = "BIOTRACK_CONFIDENCE_THRESHOLD";
  public static final String MODEL = "BIOTRACK_MODEL";
  public static final String THREADS = "BIOTRACK_THREADS";

  /** A SpeciesNet classifier folder: classify the detections (absent: detection only). */
  public static final String CLASSIFIER = "BIOTRACK_CLASSIFIER";

  /** The job whose content index this attempt looks its photos up in; absent for none. */
  public static final String PREVIOUS_JOB_ID = "BIOTRACK_PREVIOUS_JOB_ID";

  /** ISO-3166-1 alpha-3 country for the classifier's geofence (optional). */
  public static final String COUNTRY = "BIOTRACK_COUNTRY";

  /** US state for the geofence, with {@link #COUNTRY} USA (optional). */
  public static final String ADMIN1 = "BIOTRACK_ADMIN1";

  /**
   * @param modelPath where the worker finds the model (a TorchScript file or directory)
   */
  public static Map<String, String> forAttempt(LaunchRequest request, String modelPath) {
    return forAttempt(request, modelPath, null);
  }

  /**
   * @param classifierPath where the worker finds the SpeciesNet folder; null when the platform has
   *     none
   * @throws LaunchRejectedException for a job that asks for species without a classifier here
   */
  public static Map<String, String> forAttempt(
      LaunchRequest request, String modelPath, String classifierPath) {
    ShardTask task = request.task();
    Map<String, String> env = new LinkedHashMap<>();
    env.put(JOB_ID, task.jobId());
    env.put(TENANT, task.tenant());
    env.put(ATTEMPT, Integer.toString(task.attempt()));
    env.put(MANIFEST, task.manifestId());
    env.put(SHARD, Integer.toString(task.shard()));
    env.put(SHARD_FROM, Long.toString(task.from()));
    env.put(SHARD_COUNT, Integer.toString(task.count()));
    env.put(CONFIDENCE_THRESHOLD, Double.toString(task.confidenceThreshold()));
    env.put(MODEL, modelPath);
    env.put(THREADS, Integer.toString(threads(request.resources())));
    if (task.previousJobId() != null) {
      env.put(PREVIOUS_JOB_ID, task.previousJobId());
    }
    SpeciesOptions species = task.species();
    if (species.classify()) {
      if (classifierPath == null) {
        throw new LaunchRejectedException(
            "this job asks for species classification but the platform has no SpeciesNet classifier"
                + " installed (docs/species.md)");
      }
      env.put(CLASSIFIER, classifierPath);
      if (species.country() != null) {
        env.put(COUNTRY, species.country());
      }
      if (species.admin1() != null) {
        env.put(ADMIN1, species.admin1());
      }
    }
    return env;
  }

  /**
   * Inference threads for these resources: the cores asked for, rounded up, and at least 2 (with
   * one intra-op thread libtorch's results drift from MegaDetector's by up to half a pixel).
   */
  public static int threads(WorkerResources resources) {
    return Math.max(2, (int) Math.ceil(resources.cpu()));
  }
}
