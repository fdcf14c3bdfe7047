package io.biotrack.worker.job;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.launch.WorkerEnvironment;
import io.biotrack.model.ExpectedModelDigests;
import io.biotrack.shard.ShardTask;
import io.biotrack.worker.batch.DecoderThreads;
import io.biotrack.worker.detect.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code run-job} reads from its environment: the storage settings (core's one reader of
 * {@code BIOTRACK_STORAGE} and friends), the shard to process ({@link WorkerEnvironment}), plus
 * optional tuning.
 *
 * @param threads inference threads ({@code BIOTRACK_THREADS}; 0: all cores)
 * @param cacheDir {@code BIOTRACK_CACHE_DIR}: where libtorch is extracted; null for the default
 * @param checkpointEvery {@code BIOTRACK_CHECKPOINT_EVERY}: images between checkpoints
 * @param progressInterval {@code BIOTRACK_PROGRESS_SECONDS}: least time between progress writes
 * @param device {@code BIOTRACK_DEVICE}: auto, cpu, cuda or cuda:N ({@link DeviceChoice})
 * @param decodeThreads {@code BIOTRACK_DECODE_THREADS}: decoder threads; 0: the default ({@link
 *     DecoderThreads})
 * @param batchSize {@code BIOTRACK_BATCH_SIZE}: images per forward pass, grouped by letterboxed
 *     size (default 1, as MegaDetector's)
 * @param expectedDigests {@code BIOTRACK_MODEL_DIGESTS}: the SHA-256 the deployment expects of its
 *     models ({@link ExpectedModelDigests}); none outside a cluster
 */
public record ShardSettings(
    StorageSettings storage,
    ShardTask task,
    Path model,
    int threads,
    Path cacheDir,
    int checkpointEvery,
    Duration progressInterval,
    int decodeThreads,
    DeviceChoice device,
    int batchSize,
    ExpectedModelDigests expectedDigests) {

  public static final String CACHE_DIR = "BIOTRACK_CACHE_DIR";
  public static final String CHECKPOINT_EVERY = "BIOTRACK_CHECKPOINT_EVERY";
  public static final String PROGRESS_SECONDS = "BIOTRACK_PROGRESS_SECONDS";
  public static final String DEVICE = "BIOTRACK_DEVICE";
  public static final String BATCH_SIZE = "BIOTRACK_BATCH_SIZE";
  public static final int DEFAULT_CHECKPOINT_EVERY = 20;
  public static final int DEFAULT_PROGRESS_SECONDS = 5;

  /** Settings on the device {@code auto} picks. */
  public ShardSettings(
      StorageSettings storage, ShardTask task, Path model, int threads, Path cacheDir,
      int checkpointEvery, Duration progressInterval, int decodeThreads) {
    this(
        storage, task, model, threads, cacheDir, checkpointEvery, progressInterval, decodeThreads,
        DeviceChoice.AUTO, 1, ExpectedModelDigests.NONE);
  }

  public String jobId() {
    return task.jobId();
  }

  /**
   * @throws BadConfigurationException listing every missing or malformed variable
   */
  public static ShardSettings fromEnvironment(Function<String, String> env) {
    List<String> problems = new ArrayList<>();
    StorageSettings storage = null;
    try {
      storage = StorageSettings.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String jobId = required(env, WorkerEnvironment.JOB_ID, problems);
    String tenant = required(env, WorkerEnvironment.TENANT, problems);
    int attempt = (int) number(env, WorkerEnvironment.ATTEMPT, null, 1, problems);
    String manifest = required(env, WorkerEnvironment.MANIFEST, problems);
    int shard = (int) number(env, WorkerEnvironment.SHARD, null, 0, problems);
    long from = number(env, WorkerEnvironment.SHARD_FROM, null, 0, problems);
    int count = (int) number(env, WorkerEnvironment.SHARD_COUNT, null, 0, problems);
    double threshold = decimal(env, WorkerEnvironment.CONFIDENCE_THRESHOLD, problems);
    String model = required(env, WorkerEnvironment.MODEL, problems);
    int threads = (int) number(env, WorkerEnvironment.THREADS, 0L, 0, problems);
    String cache = blankToNull(env.apply(CACHE_DIR));
    int every = (int) number(env, CHECKPOINT_EVERY, (long) DEFAULT_CHECKPOINT_EVERY, 1, problems);
    int progress = (int) number(env, PROGRESS_SECONDS, (long) DEFAULT_PROGRESS_SECONDS, 0, problems);
    DeviceChoice device = DeviceChoice.AUTO;
    try {
      device = DeviceChoice.parse(env.apply(DEVICE));
    } catch (IllegalArgumentException e) {
      problems.add(DEVICE + ": " + e.getMessage());
    }
    int decoders = (int) number(env, DecoderThreads.ENV, 0L, 0, problems);
    int batchSize = (int) number(env, BATCH_SIZE, 1L, 1, problems);
    ExpectedModelDigests digests = ExpectedModelDigests.NONE;
    try {
      digests = ExpectedModelDigests.parse(env.apply(ExpectedModelDigests.ENV));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    ShardTask task = null;
    if (problems.isEmpty()) {
      try {
        task = new ShardTask(jobId, tenant, manifest, shard, from, count, attempt, threshold);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new BadConfigurationException("bad worker configuration:\n  - " + String.join("\n  - ", problems));
    }
    return new ShardSettings(
        storage,
        task,
        Path.of(model),
        threads,
        cache == null ? null : Path.of(cache),
        every,
        Duration.ofSeconds(progress),
        decoders,
        device,
        batchSize,
        digests);
  }

  private static String required(Function<String, String> env, String name, List<String> problems) {
    String value = blankToNull(env.apply(name));
    if (value == null) {
      problems.add(name + " is not set");
    }
    return value;
  }

  private static long number(
      Function<String, String> env, String name, Long fallback, long min, List<String> problems) {
    String value = blankToNull(env.apply(name));
    if (value == null) {
      if (fallback == null) {
        problems.add(name + " is not set");
        return min;
      }
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < min) {
        problems.add(name + " must be at least " + min + ", was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(name + " is not a whole number: " + value);
      return min;
    }
  }

  private static double decimal(Function<String, String> env, String name, List<String> problems) {
    String value = blankToNull(env.apply(name));
    if (value == null) {
      problems.add(name + " is not set");
      return 0;
    }
    try {
      double parsed = Double.parseDouble(value.trim());
      if (!(parsed >= 0 && parsed <= 1)) {
        problems.add(name + " must be between 0 and 1, was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(name + " is not a number: " + value);
      return 0;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
