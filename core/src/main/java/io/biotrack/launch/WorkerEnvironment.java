package io.biotrack.launch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-attempt variables every launcher gives a worker in job mode ({@code run-job}), next to
 * the storage settings ({@code BIOTRACK_STORAGE} and friends).
 */
public final class WorkerEnvironment {
  private WorkerEnvironment() {}

  public static final String JOB_ID = "BIOTRACK_JOB_ID";
  public static final String TENANT = "BIOTRACK_TENANT";
  public static final String ATTEMPT = "BIOTRACK_ATTEMPT";
  public static final String MODEL = "BIOTRACK_MODEL";
  public static final String THREADS = "BIOTRACK_THREADS";

  /**
   * @param modelPath where the worker finds the model (a TorchScript file or directory)
   */
  public static Map<String, String> forAttempt(LaunchRequest request, String modelPath) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(JOB_ID, request.jobId());
    env.put(TENANT, request.tenant());
    env.put(ATTEMPT, Integer.toString(request.attempt()));
    env.put(MODEL, modelPath);
    env.put(THREADS, Integer.toString(threads(request.resources())));
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
