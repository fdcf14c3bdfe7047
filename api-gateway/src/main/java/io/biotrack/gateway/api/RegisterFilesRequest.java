package io.biotrack.gateway.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code POST /api/v1/jobs/{id}/files}. */
@Schema(description = "More files for a PENDING job, up to 1,000 per call")
public record RegisterFilesRequest(List<CreateJobRequest.FileSpec> files) {}
