package io.biotrack.worker.job;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.launch.WorkerEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code run-job} reads from its environment: the storage settings (core's one reader of
 * {@code BIOTRACK_STORAGE} and friends) and the per-attempt variables of {@link
 * WorkerEnvironment}, plus optional tuning.
 *
 * @param threads inference threads ({@code BIOTRACK_THREADS}; 0: all cores)
 * @param cacheDir {@code BIOTRACK_CACHE_DIR}: where libtorch is extracted; null for the default
 * @param checkpointEvery {@code BIOTRACK_CHECKPOINT_EVERY}: images between checkpoints
 * @param progressInterval {@code BIOTRACK_PROGRESS_SECONDS}: least time between progress writes
 */
public record JobSettings(
    StorageSettings storage,
    String jobId,
    String tenant,
    int attempt,
    Path model,
    int threads,
    Path cacheDir,
    int checkpointEvery,
    Duration progressInterval) {

  public static final String CACHE_DIR = "BIOTRACK_CACHE_DIR";
  public static final String CHECKPOINT_EVERY = "BIOTRACK_CHECKPOINT_EVERY";
  public static final String PROGRESS_SECONDS = "BIOTRACK_PROGRESS_SECONDS";
  public static final int DEFAULT_CHECKPOINT_EVERY = 20;
  public static final int DEFAULT_PROGRESS_SECONDS = 5;

  /**
   * @throws BadConfigurationException listing every missing or malformed variable
   */
  public static JobSettings fromEnvironment(Function<String, String> env) {
    List<String> problems = new ArrayList<>();
    StorageSettings storage = null;
    try {
      storage = StorageSettings.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String jobId = required(env, WorkerEnvironment.JOB_ID, problems);
    String tenant = required(env, WorkerEnvironment.TENANT, problems);
    int attempt = integer(env, WorkerEnvironment.ATTEMPT, null, 1, problems);
    String model = required(env, WorkerEnvironment.MODEL, problems);
    int threads = integer(env, WorkerEnvironment.THREADS, 0, 0, problems);
    String cache = blankToNull(env.apply(CACHE_DIR));
    int every = integer(env, CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_EVERY, 1, problems);
    int progress = integer(env, PROGRESS_SECONDS, DEFAULT_PROGRESS_SECONDS, 0, problems);
    if (!problems.isEmpty()) {
      throw new BadConfigurationException("bad worker configuration:\n  - " + String.join("\n  - ", problems));
    }
    return new JobSettings(
        storage,
        jobId,
        tenant,
        attempt,
        Path.of(model),
        threads,
        cache == null ? null : Path.of(cache),
        every,
        Duration.ofSeconds(progress));
  }

  private static String required(Function<String, String> env, String name, List<String> problems) {
    String value = blankToNull(env.apply(name));
    if (value == null) {
      problems.add(name + " is not set");
    }
    return value;
  }

  private static int integer(
      Function<String, String> env, String name, Integer fallback, int min, List<String> problems) {
    String value = blankToNull(env.apply(name));
    if (value == null) {
      if (fallback == null) {
        problems.add(name + " is not set");
        return min;
      }
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min) {
        problems.add(name + " must be at least " + min + ", was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(name + " is not a whole number: " + value);
      return min;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
