package io.biotrack.gateway.api;

import io.biotrack.files.ImageType;
import io.biotrack.gateway.job.JobLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/limits}: what a job may hold, so clients (the web UI) refuse a file before
 * uploading it rather than after.
 */
@RestController
@Tag(name = ApiDocs.JOBS_TAG)
public class LimitsController {
  private final LimitsView limits;

  public LimitsController(JobLimits limits) {
    this.limits =
        new LimitsView(limits.maxFiles(), limits.maxFileBytes(), ImageType.acceptedMediaTypes());
  }

  @GetMapping(path = "/api/v1/limits", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Upload limits", description = "Files per job, bytes per file, image types.")
  public LimitsView limits() {
    return limits;
  }

  @Schema(description = "What one job may hold")
  public record LimitsView(
      @Schema(example = "100") int maxFiles,
      @Schema(example = "52428800") long maxFileBytes,
      @Schema(example = "[\"image/jpeg\", \"image/png\"]") List<String> acceptedTypes) {}
}
