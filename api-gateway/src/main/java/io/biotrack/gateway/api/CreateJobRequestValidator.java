package io.biotrack.gateway.api;

import io.biotrack.files.ImageNames;
import io.biotrack.files.InvalidFileNameException;
import io.biotrack.files.NameConflict;
import io.biotrack.files.NameConflicts;
import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.job.JobLimits;
import io.biotrack.gateway.job.NewJob;
import io.biotrack.gateway.upload.ImageType;
import io.biotrack.job.JobOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks a {@link CreateJobRequest} field by field and turns it into a {@link NewJob}. */
public final class CreateJobRequestValidator {
  public static final int MAX_NAME_LENGTH = 256;
  /** Enough to say what is wrong without answering a huge request with a huge problem. */
  static final int MAX_ERRORS = 50;

  private static final Set<String> MEDIA_TYPES =
      Set.copyOf(Arrays.stream(ImageType.values()).map(ImageType::mediaType).toList());

  private final JobLimits limits;

  public CreateJobRequestValidator(JobLimits limits) {
    this.limits = limits;
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
    List<String> files = files(request.files(), errors);
    JobOptions options = options(request.options(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
    }
    return new NewJob(name, files, options);
  }

  private List<String> files(List<CreateJobRequest.FileSpec> specs, List<FieldError> errors) {
    if (specs == null || specs.isEmpty()) {
      errors.add(new FieldError("files", "must list at least one file"));
      return List.of();
    }
    if (specs.size() > limits.maxFiles()) {
      errors.add(
          new FieldError(
              "files",
              "has "
                  + specs.size()
                  + " files; a job holds at most "
                  + limits.maxFiles()
                  + " (split them over several jobs)"));
      return List.of();
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String at = "files[" + i + "]";
      CreateJobRequest.FileSpec spec = specs.get(i);
      if (spec == null) {
        errors.add(new FieldError(at, "must be an object with a name"));
        continue;
      }
      if (spec.name() == null) {
        errors.add(new FieldError(at + ".name", "is required"));
      } else {
        try {
          names.add(ImageNames.validate(spec.name()));
          if (indexOf.putIfAbsent(spec.name(), i) != null) {
            errors.add(new FieldError(at + ".name", "appears twice in files"));
          }
        } catch (InvalidFileNameException e) {
          errors.add(new FieldError(at + ".name", e.getMessage()));
        }
      }
      if (spec.size() != null && (spec.size() < 0 || spec.size() > limits.maxFileBytes())) {
        errors.add(
            new FieldError(
                at + ".size",
                spec.size() < 0
                    ? "must not be negative"
                    : "is larger than the limit of " + limits.maxFileBytes() + " bytes per file"));
      }
      if (spec.contentType() != null && !MEDIA_TYPES.contains(mediaType(spec.contentType()))) {
        errors.add(
            new FieldError(
                at + ".contentType", "must be one of " + ImageType.acceptedNames()));
      }
    }
    // A name that is also another's folder cannot be stored on a disk ("d" and "d/e.jpg"):
    // refused here, not as a storage error at upload time.
    for (NameConflict conflict : NameConflicts.within(names)) {
      errors.add(new FieldError("files[" + indexOf.get(conflict.name()) + "].name", conflict.explain()));
    }
    return names;
  }

  private static JobOptions options(CreateJobRequest.Options options, List<FieldError> errors) {
    if (options == null || options.confidenceThreshold() == null) {
      return JobOptions.DEFAULTS;
    }
    double threshold = options.confidenceThreshold();
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      errors.add(new FieldError("options.confidenceThreshold", "must be between 0 and 1"));
      return JobOptions.DEFAULTS;
    }
    return new JobOptions(threshold);
  }

  /** {@code image/JPEG; q=1} → {@code image/jpeg}. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }
}
