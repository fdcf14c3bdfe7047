package io.biotrack.worker.job;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.config.EnvironmentReader;
import io.biotrack.config.SettingsException;
import io.biotrack.launch.WorkerEnvironment;
import io.biotrack.model.ExpectedModelDigests;
import io.biotrack.shard.ShardTask;
import io.biotrack.species.InvalidRegionException;
import io.biotrack.species.Region;
import io.biotrack.worker.batch.DecoderThreads;
import io.biotrack.worker.detect.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * What {@code run-job} reads from its environment, through core's {@link EnvironmentReader}: the
 * storage section ({@link StorageSettings#from}), the shard to process ({@link WorkerEnvironment}),
 * plus optional tuning.
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
 * @param classifier {@code BIOTRACK_CLASSIFIER}: a SpeciesNet folder; null for detection only
 * @param region {@code BIOTRACK_COUNTRY} and {@code BIOTRACK_ADMIN1}, validated, for the geofence
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
    ExpectedModelDigests expectedDigests,
    Path classifier,
    Region region) {

  public static final String CACHE_DIR = "BIOTRACK_CACHE_DIR";
  public static final String CHECKPOINT_EVERY = "BIOTRACK_CHECKPOINT_EVERY";
  public static final String PROGRESS_SECONDS = "BIOTRACK_PROGRESS_SECONDS";
  public static final String DEVICE = "BIOTRACK_DEVICE";
  public static final String BATCH_SIZE = "BIOTRACK_BATCH_SIZE";
  public static final int DEFAULT_CHECKPOINT_EVERY = 20;
  public static final int DEFAULT_PROGRESS_SECONDS = 5;

  /** Settings on the device {@code auto} picks, detection only. */
  public ShardSettings(
      StorageSettings storage,
      ShardTask task,
      Path model,
      int threads,
      Path cacheDir,
      int checkpointEvery,
      Duration progressInterval,
      int decodeThreads) {
    this(
        storage,
        task,
        model,
        threads,
        cacheDir,
        checkpointEvery,
        progressInterval,
        decodeThreads,
        DeviceChoice.AUTO,
        1,
        ExpectedModelDigests.NONE,
        null,
        Region.NOWHERE);
  }

  public String jobId() {
    return task.jobId();
  }

  /**
   * @throws SettingsException listing every missing or malformed variable, storage's included
   */
  public static ShardSettings fromEnvironment(Function<String, String> source) {
    EnvironmentReader env = new EnvironmentReader(source);
    ShardSettings settings = from(env);
    env.throwIfProblems();
    return settings;
  }

  /** Reads the worker's variables and the storage section, noting every problem in {@code env}. */
  public static ShardSettings from(EnvironmentReader env) {
    StorageSettings storage = StorageSettings.from(env);
    String jobId = env.required(WorkerEnvironment.JOB_ID);
    String tenant = env.required(WorkerEnvironment.TENANT);
    int attempt = env.requiredInteger(WorkerEnvironment.ATTEMPT, 1, Integer.MAX_VALUE);
    String manifest = env.required(WorkerEnvironment.MANIFEST);
    int shard = env.requiredInteger(WorkerEnvironment.SHARD, 0, Integer.MAX_VALUE);
    long from = env.requiredLong(WorkerEnvironment.SHARD_FROM, 0, Long.MAX_VALUE);
    int count = env.requiredInteger(WorkerEnvironment.SHARD_COUNT, 0, Integer.MAX_VALUE);
    double threshold = env.requiredDecimal(WorkerEnvironment.CONFIDENCE_THRESHOLD, 0, 1);
    String model = env.required(WorkerEnvironment.MODEL);
    int threads = env.integer(WorkerEnvironment.THREADS, 0, 0, Integer.MAX_VALUE);
    String cache = env.string(CACHE_DIR);
    int every = env.integer(CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_EVERY, 1, Integer.MAX_VALUE);
    int progress = env.integer(PROGRESS_SECONDS, DEFAULT_PROGRESS_SECONDS, 0, Integer.MAX_VALUE);
    int decoders = env.integer(DecoderThreads.ENV, 0, 0, Integer.MAX_VALUE);
    DeviceChoice device = env.parsed(DEVICE, DeviceChoice::parse);
    int batchSize = env.integer(BATCH_SIZE, 1, 1, Integer.MAX_VALUE);
    // its own messages name the variable already
    ExpectedModelDigests digests =
        env.check(() -> ExpectedModelDigests.parse(env.string(ExpectedModelDigests.ENV)));
    String classifier = env.string(WorkerEnvironment.CLASSIFIER);
    String previous = env.string(WorkerEnvironment.PREVIOUS_JOB_ID);
    Region region = Region.NOWHERE;
    try {
      region =
          Region.of(env.string(WorkerEnvironment.COUNTRY), env.string(WorkerEnvironment.ADMIN1));
    } catch (InvalidRegionException e) {
      // Region's message is about the pair; the problem names both variables.
      env.problem(
          WorkerEnvironment.COUNTRY + "/" + WorkerEnvironment.ADMIN1 + ": " + e.getMessage());
    }
    if (classifier == null && region.hasCountry()) {
      env.problem(
          WorkerEnvironment.COUNTRY
              + " is set without "
              + WorkerEnvironment.CLASSIFIER
              + ": the country is for the classifier's geofence");
    }
    if (env.hasProblems()) {
      return null;
    }
    ShardTask task =
        env.check(
            () ->
                new ShardTask(jobId, tenant, manifest, shard, from, count, attempt, threshold)
                    .reusing(previous));
    if (task == null) {
      return null;
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
        device == null ? DeviceChoice.AUTO : device,
        batchSize,
        digests,
        classifier == null ? null : Path.of(classifier),
        region);
  }
}
