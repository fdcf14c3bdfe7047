package io.biotrack.gateway.api;

import io.biotrack.gateway.job.CreatedJob;
import io.biotrack.job.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answer to {@code POST /api/v1/jobs}: the new job's id and one upload target per file. */
@Schema(description = "A new PENDING job and where to PUT each of its files")
public record CreateJobResponse(
    String jobId, JobStatus status, List<UploadTarget> uploads, Instant expiresAt) {

  @Schema(
      description =
          "PUT the file's bytes to url with these headers: a signed gateway URL in embedded mode,"
              + " a write-only blob SAS URL on Azure")
  public record UploadTarget(
      String name, URI url, @Schema(example = "PUT") String method, Map<String, String> headers) {}

  public static CreateJobResponse of(CreatedJob created) {
    return new CreateJobResponse(
        created.job().id(),
        created.job().status(),
        created.uploads().stream()
            .map(
                u ->
                    new UploadTarget(
                        u.name(), u.target().url(), u.target().method(), u.target().headers()))
            .toList(),
        created.expiresAt());
  }
}
