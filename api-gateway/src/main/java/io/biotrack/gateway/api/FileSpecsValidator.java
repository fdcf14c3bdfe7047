package io.biotrack.gateway.api;

import io.biotrack.files.ExistingNames;
import io.biotrack.files.ImageNames;
import io.biotrack.files.ImageType;
import io.biotrack.files.InvalidFileNameException;
import io.biotrack.files.NameConflict;
import io.biotrack.files.NameConflicts;
import io.biotrack.files.RegisteredFile;
import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.job.JobLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one batch of file specs — a create request's or a registration's — field by field: each
 * name must be an image's name ({@link ImageNames}), sizes within the limit, no name twice, and no
 * name that would be a file and a folder at once, within the batch or against the names registered
 * before it.
 */
public final class FileSpecsValidator {
  /** Files per request: a create or a registration call. */
  public static final int MAX_BATCH = 1_000;

  private static final Set<String> MEDIA_TYPES =
      Set.copyOf(Arrays.stream(ImageType.values()).map(ImageType::mediaType).toList());

  private final JobLimits limits;

  public FileSpecsValidator(JobLimits limits) {
    this.limits = limits;
  }

  /**
   * @param field the request's field of the specs ("files")
   * @param registered the names registered before this batch
   * @return the valid files, in order (adds an error per bad field to {@code errors})
   */
  public List<RegisteredFile> validate(
      String field,
      List<CreateJobRequest.FileSpec> specs,
      ExistingNames registered,
      List<FieldError> errors) {
    if (specs.size() > limits.maxFiles()) {
      errors.add(
          new FieldError(
              field,
              "has "
                  + specs.size()
                  + " files; a job holds at most "
                  + limits.maxFiles()
                  + " (split them over several jobs)"));
      return List.of();
    }
    if (specs.size() > MAX_BATCH) {
      errors.add(
          new FieldError(
              field,
              "has "
                  + specs.size()
                  + " files; send at most "
                  + MAX_BATCH
                  + " per request (register"
                  + " the rest with POST /api/v1/jobs/{id}/files, a page at a time)"));
      return List.of();
    }
    List<RegisteredFile> files = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String at = field + "[" + i + "]";
      CreateJobRequest.FileSpec spec = specs.get(i);
      if (spec == null) {
        errors.add(new FieldError(at, "must be an object with a name"));
        continue;
      }
      boolean valid = true;
      if (spec.name() == null) {
        errors.add(new FieldError(at + ".name", "is required"));
        valid = false;
      } else {
        try {
          ImageNames.validateForJob(spec.name());
          if (indexOf.putIfAbsent(spec.name(), i) != null) {
            errors.add(new FieldError(at + ".name", "appears twice in " + field));
            valid = false;
          }
        } catch (InvalidFileNameException e) {
          errors.add(new FieldError(at + ".name", e.getMessage()));
          valid = false;
        }
      }
      if (spec.size() != null && (spec.size() < 0 || spec.size() > limits.maxFileBytes())) {
        errors.add(
            new FieldError(
                at + ".size",
                spec.size() < 0
                    ? "must not be negative"
                    : "is larger than the limit of " + limits.maxFileBytes() + " bytes per file"));
        valid = false;
      }
      if (spec.contentType() != null && !MEDIA_TYPES.contains(mediaType(spec.contentType()))) {
        errors.add(
            new FieldError(at + ".contentType", "must be one of " + ImageType.acceptedNames()));
        valid = false;
      }
      if (valid) {
        names.add(spec.name());
        files.add(RegisteredFile.of(spec.name(), spec.size()));
      }
    }
    // A name that is also another's folder cannot be stored on a disk ("d.jpg" and
    // "d.jpg/e.jpg"): refused here, not as a storage error at upload time.
    for (NameConflict conflict : new NameConflicts(registered).check(names)) {
      errors.add(
          new FieldError(
              field + "[" + indexOf.get(conflict.name()) + "].name", conflict.explain()));
    }
    return files;
  }

  /** {@code image/JPEG; q=1} → {@code image/jpeg}. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }
}
