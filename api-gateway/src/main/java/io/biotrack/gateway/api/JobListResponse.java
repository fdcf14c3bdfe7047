package io.biotrack.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.job.JobPage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of the caller's jobs, newest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobListResponse(
    List<JobView> jobs,
    @Schema(description = "Pass as cursor for the next page; absent on the last page")
        String nextCursor) {

  public static JobListResponse of(JobPage page) {
    return new JobListResponse(page.jobs().stream().map(JobView::of).toList(), page.nextCursor());
  }
}
