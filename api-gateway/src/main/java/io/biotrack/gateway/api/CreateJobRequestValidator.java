package io.biotrack.gateway.api;

import io.biotrack.files.ExistingNames;
import io.biotrack.files.RegisteredFile;
import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.job.JobLimits;
import io.biotrack.gateway.job.NewJob;
import io.biotrack.job.JobOptions;
import io.biotrack.job.SpeciesOptions;
import io.biotrack.species.InvalidRegionException;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link CreateJobRequest} field by field and turns it into a {@link NewJob}. */
public final class CreateJobRequestValidator {
  public static final int MAX_NAME_LENGTH = 256;
  /** Enough to say what is wrong without answering a huge request with a huge problem. */
  static final int MAX_ERRORS = 50;

  private final FileSpecsValidator files;

  public CreateJobRequestValidator(JobLimits limits) {
    this.files = new FileSpecsValidator(limits);
  }

  /** @throws InvalidRequestException listing every bad field */
  public NewJob validate(CreateJobRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      throw new InvalidRequestException("body", "must be a JSON object");
    }
    String name = request.name() == null ? "" : request.name().strip();
    if (name.length() > MAX_NAME_LENGTH) {
      errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
    } else if (name.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("name", "must not contain control characters"));
    }
    List<RegisteredFile> registered =
        request.files() == null
            ? List.of()
            : files.validate("files", request.files(), ExistingNames.NONE, errors);
    JobOptions options = options(request, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
    }
    return new NewJob(name, registered, options);
  }

  /** Every bad field of a registration batch; conflicts checked against {@code registered}. */
  public List<RegisteredFile> validateFiles(
      List<CreateJobRequest.FileSpec> specs, ExistingNames registered) {
    List<FieldError> errors = new ArrayList<>();
    if (specs == null || specs.isEmpty()) {
      throw new InvalidRequestException("files", "must list at least one file");
    }
    List<RegisteredFile> valid = files.validate("files", specs, registered, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
    }
    return valid;
  }

  private static JobOptions options(CreateJobRequest request, List<FieldError> errors) {
    JobOptions options = JobOptions.DEFAULTS;
    CreateJobRequest.Options given = request.options();
    if (given != null && given.confidenceThreshold() != null) {
      double threshold = given.confidenceThreshold();
      if (threshold >= 0.0 && threshold <= 1.0) {
        options = new JobOptions(threshold);
      } else {
        errors.add(new FieldError("options.confidenceThreshold", "must be between 0 and 1"));
      }
    }
    Integer shardSize = request.shardSize();
    if (shardSize != null) {
      if (shardSize >= 1 && shardSize <= JobOptions.MAX_SHARD_SIZE) {
        options = options.withShardSize(shardSize);
      } else {
        errors.add(
            new FieldError(
                "shardSize", "must be between 1 and " + JobOptions.MAX_SHARD_SIZE + " photos per shard"));
      }
    }
    if (given != null && (given.classify() != null || given.country() != null || given.admin1() != null)) {
      try {
        options =
            options.withSpecies(
                new SpeciesOptions(Boolean.TRUE.equals(given.classify()), given.country(), given.admin1()));
      } catch (InvalidRegionException e) {
        // Only an unknown country is the country's fault; the rest is about the state.
        String field = e.getMessage().startsWith("unknown country") ? "options.country" : "options.admin1";
        errors.add(new FieldError(field, e.getMessage()));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("options.classify", e.getMessage()));
      }
    }
    return options;
  }
}
