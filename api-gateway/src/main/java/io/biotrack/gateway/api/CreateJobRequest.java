package io.biotrack.gateway.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code POST /api/v1/jobs}. Checked by {@link CreateJobRequestValidator}. */
@Schema(description = "A new job: the files that will be uploaded to it, and its options.")
public record CreateJobRequest(
    @Schema(description = "A label for people; not unique", example = "Serra da Canastra, May")
        String name,
    @Schema(
            description =
                "The files to upload, up to 1,000; optional: more (up to the job's limit, 100,000"
                    + " by default) are registered later with POST /api/v1/jobs/{id}/files")
        List<FileSpec> files,
    Options options,
    @Schema(
            description =
                "Photos per shard: a started job runs in shards of this many photos, each on its"
                    + " own worker (1 to 100,000)",
            example = "2000",
            defaultValue = "2000")
        Integer shardSize,
    @Schema(
            description =
                "The installed model to run, by name (GET /api/v1/info lists them); the platform's"
                    + " default if absent",
            example = "mdv5a")
        String model,
    @Schema(
            description =
                "One of your COMPLETED jobs, run with the same model and options: photos whose"
                    + " content (SHA-256) equals one of its photos are not run again, their results"
                    + " are copied as they were (reusedCount in the job's status)",
            example = "01jb3k6y0a2b9c8d7e6f5g4h3j")
        String previousJobId) {

  /** A request that leaves the model to the platform. */
  public CreateJobRequest(String name, List<FileSpec> files, Options options, Integer shardSize) {
    this(name, files, options, shardSize, null, null);
  }

  /** A request that reuses no earlier job. */
  public CreateJobRequest(
      String name, List<FileSpec> files, Options options, Integer shardSize, String model) {
    this(name, files, options, shardSize, model, null);
  }

  @Schema(description = "One file of the job")
  public record FileSpec(
      @Schema(
              description = "Relative path kept in the results; no '..', no absolute paths",
              example = "cam1/IMG_0001.JPG")
          String name,
      @Schema(
              description = "Size in bytes, if known (checked against the limit)",
              example = "2483112")
          Long size,
      @Schema(description = "Media type, if known", example = "image/jpeg") String contentType) {}

  @Schema(description = "Detection and species options")
  public record Options(
      @Schema(
              description = "Detections below this confidence are left out of the results",
              example = "0.2",
              defaultValue = "0.005")
          Double confidenceThreshold,
      @Schema(
              description =
                  "Classify the species of every detection at or above 0.1 with SpeciesNet"
                      + " (docs/species.md)",
              defaultValue = "false")
          Boolean classify,
      @Schema(
              description = "Where the cameras are, for SpeciesNet's geofence: ISO-3166-1 alpha-3",
              example = "USA")
          String country,
      @Schema(description = "US state (two letters), with country USA", example = "CA")
          String admin1) {
    public Options(Double confidenceThreshold) {
      this(confidenceThreshold, null, null, null);
    }
  }
}
