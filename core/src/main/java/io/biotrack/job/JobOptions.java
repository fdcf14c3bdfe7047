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
 * @param previousJobId the earlier job (same tenant, model and options, completed) whose results
 *     this job copies for photos of equal content (SHA-256) instead of running them again; null for
 *     none. The gateway checks it when the job is created.
 */
public record JobOptions(
    double confidenceThreshold,
    int shardSize,
    String model,
    // Written as the options' own "classify", "country", "admin1" (and not at all when off).
    @com.fasterxml.jackson.annotation.JsonUnwrapped SpeciesOptions species,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String previousJobId) {
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
    if (previousJobId != null && !JobIds.isValid(previousJobId)) {
      throw new IllegalArgumentException("not a job id: " + previousJobId);
    }
  }

  public JobOptions(
      double confidenceThreshold, int shardSize, String model, SpeciesOptions species) {
    this(confidenceThreshold, shardSize, model, species, null);
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
    return new JobOptions(confidenceThreshold, size, model, species, previousJobId);
  }

  public JobOptions withModel(String name) {
    return new JobOptions(confidenceThreshold, shardSize, name, species, previousJobId);
  }

  public JobOptions withSpecies(SpeciesOptions chosen) {
    return new JobOptions(confidenceThreshold, shardSize, model, chosen, previousJobId);
  }

  public JobOptions withPreviousJob(String jobId) {
    return new JobOptions(confidenceThreshold, shardSize, model, species, jobId);
  }

  /**
   * Whether a job with these options computes the same entry for a photo as a job with {@code
   * other}: the same threshold, model and species choice (the shard size and the previous job do
   * not change a photo's entry). {@code defaultModel} stands for a null model.
   */
  public boolean sameResultsAs(JobOptions other, String defaultModel) {
    String mine = model != null ? model : defaultModel;
    String theirs = other.model != null ? other.model : defaultModel;
    return confidenceThreshold == other.confidenceThreshold
        && java.util.Objects.equals(mine, theirs)
        && species.equals(other.species);
  }
}
