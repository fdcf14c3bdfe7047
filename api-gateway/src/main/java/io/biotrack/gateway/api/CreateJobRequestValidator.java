package io.biotrack.gateway.api;

import io.biotrack.files.ExistingNames;
import io.biotrack.files.RegisteredFile;
import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.job.JobLimits;
import io.biotrack.gateway.job.NewJob;
import io.biotrack.job.JobOptions;
import io.biotrack.job.SpeciesOptions;
import io.biotrack.model.CatalogueEntry;
import io.biotrack.species.InvalidRegionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Checks a {@link CreateJobRequest} field by field and turns it into a {@link NewJob}. */
public final class CreateJobRequestValidator {
  public static final int MAX_NAME_LENGTH = 256;

  /** Enough to say what is wrong without answering a huge request with a huge problem. */
  static final int MAX_ERRORS = 50;

  private final FileSpecsValidator files;
  private final Supplier<List<String>> installedModels;

  /** Any well-formed model name is accepted (the workers' model share decides). */
  public CreateJobRequestValidator(JobLimits limits) {
    this(limits, () -> null);
  }

  /**
   * @param installedModels the models a job may choose; null from the supplier: any well-formed
   *     name
   */
  public CreateJobRequestValidator(JobLimits limits, Supplier<List<String>> installedModels) {
    this.files = new FileSpecsValidator(limits);
    this.installedModels = installedModels;
  }

  /**
   * @throws InvalidRequestException listing every bad field
   */
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
    if (request.model() != null) {
      String model = model(request.model(), errors);
      if (model != null) {
        options = options.withModel(model);
      }
    }
    if (request.previousJobId() != null) {
      String previous = request.previousJobId().strip();
      if (io.biotrack.job.JobIds.isValid(previous)) {
        options = options.withPreviousJob(previous);
      } else {
        errors.add(
            new FieldError(
                "previousJobId",
                "must be the id of one of your completed jobs (26 letters and digits, as"
                    + " POST /api/v1/jobs answered), or left out"));
      }
    }
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

  private String model(String given, List<FieldError> errors) {
    String name = given.strip();
    List<String> installed = installedModels.get();
    if (installed != null && !installed.contains(name)) {
      errors.add(
          new FieldError(
              "model",
              "unknown model '"
                  + abbreviate(name)
                  + "': the installed models are "
                  + String.join(", ", installed)
                  + " (an administrator adds others with `./biotrack model install NAME`)"));
      return null;
    }
    if (!CatalogueEntry.NAME.matcher(name).matches()) {
      errors.add(
          new FieldError(
              "model",
              "must be a model name such as mdv5a (lower-case letters, digits, '.', '_', '-')"));
      return null;
    }
    return name;
  }

  private static String abbreviate(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
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
                "shardSize",
                "must be between 1 and " + JobOptions.MAX_SHARD_SIZE + " photos per shard"));
      }
    }
    if (given != null
        && (given.classify() != null || given.country() != null || given.admin1() != null)) {
      try {
        options =
            options.withSpecies(
                new SpeciesOptions(
                    Boolean.TRUE.equals(given.classify()), given.country(), given.admin1()));
      } catch (InvalidRegionException e) {
        // Only an unknown country is the country's fault; the rest is about the state.
        String field =
            e.getMessage().startsWith("unknown country") ? "options.country" : "options.admin1";
        errors.add(new FieldError(field, e.getMessage()));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("options.classify", e.getMessage()));
      }
    }
    return options;
  }
}
