package io.biotrack.job;

/**
 * What a user may choose per job.
 *
 * @param confidenceThreshold detections below this confidence are not written; MegaDetector's own
 *     output threshold (0.005) by default, so results match its batch output
 * @param shardSize photos per shard: a started job is cut into shards of this many photos (the last
 *     may be smaller), each processed by its own worker with its own attempts
 * @param model the installed model its workers run, by name ({@code mdv5a}); null for the
 *     platform's default
 * @param species whether and where to classify species after detection
 */
public record JobOptions(
    double confidenceThreshold,
    int shardSize,
    String model,
    // Written as the options' own "classify", "country", "admin1" (and not at all when off).
    @com.fasterxml.jackson.annotation.JsonUnwrapped SpeciesOptions species) {
  public static final double DEFAULT_CONFIDENCE_THRESHOLD = 0.005;
  public static final int DEFAULT_SHARD_SIZE = 2_000;
  public static final int MAX_SHARD_SIZE = 100_000;
  public static final JobOptions DEFAULTS =
      new JobOptions(DEFAULT_CONFIDENCE_THRESHOLD, DEFAULT_SHARD_SIZE, null, SpeciesOptions.NONE);

  public JobOptions {
    if (!(confidenceThreshold >= 0.0 && confidenceThreshold <= 1.0)) {
      throw new IllegalArgumentException(
          "confidenceThreshold must be between 0 and 1, was " + confidenceThreshold);
    }
    if (shardSize < 1 || shardSize > MAX_SHARD_SIZE) {
      throw new IllegalArgumentException(
          "shardSize must be between 1 and " + MAX_SHARD_SIZE + ", was " + shardSize);
    }
    if (model != null && !io.biotrack.model.CatalogueEntry.NAME.matcher(model).matches()) {
      throw new IllegalArgumentException("not a model name: " + model);
    }
    species = species == null ? SpeciesOptions.NONE : species;
  }

  /** Detection only, with the platform's default model. */
  public JobOptions(double confidenceThreshold, int shardSize) {
    this(confidenceThreshold, shardSize, null, SpeciesOptions.NONE);
  }

  /** These options with the default shard size. */
  public JobOptions(double confidenceThreshold) {
    this(confidenceThreshold, DEFAULT_SHARD_SIZE);
  }

  public JobOptions withShardSize(int size) {
    return new JobOptions(confidenceThreshold, size, model, species);
  }

  public JobOptions withModel(String name) {
    return new JobOptions(confidenceThreshold, shardSize, name, species);
  }

  public JobOptions withSpecies(SpeciesOptions chosen) {
    return new JobOptions(confidenceThreshold, shardSize, model, chosen);
  }
}
