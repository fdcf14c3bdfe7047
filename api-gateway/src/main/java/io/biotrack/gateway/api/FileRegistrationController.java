package io.biotrack.gateway.api;

import io.biotrack.files.FileRegistry;
import io.biotrack.gateway.auth.Caller;
import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.job.JobService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/jobs/{id}/files} registers more files for a PENDING job, a page at a time;
 * {@code GET} pages through what was registered and uploaded, so that a client can resume.
 */
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = ApiDocs.JOBS_TAG)
public class FileRegistrationController {
  static final int DEFAULT_PAGE = 1_000;

  private final JobService jobs;
  private final CreateJobRequestValidator validator;

  public FileRegistrationController(JobService jobs, CreateJobRequestValidator validator) {
    this.jobs = jobs;
    this.validator = validator;
  }

  @PostMapping(path = "/{id}/files", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Register more files",
      description =
          "Adds up to 1,000 files to a PENDING job and returns one upload target per file, in the"
              + " shape of creation's. A name registered before is registered again (with a new"
              + " upload target). Names are checked as at creation, and against the job's files.",
      responses = {
        @ApiResponse(responseCode = "201", description = "Registered"),
        @ApiResponse(
            responseCode = "400",
            description = "A file is invalid, or the job would hold too many"),
        @ApiResponse(responseCode = "409", description = "The job is no longer PENDING")
      })
  public Mono<ResponseEntity<CreateJobResponse>> register(
      @PathVariable String id,
      @RequestBody RegisterFilesRequest request,
      @Parameter(hidden = true) Caller caller) {
    return Blocking.call(
            () -> {
              List<CreateJobRequest.FileSpec> specs = request == null ? null : request.files();
              List<String> names = new ArrayList<>();
              if (specs != null) {
                specs.stream()
                    .filter(s -> s != null && s.name() != null)
                    .limit(FileSpecsValidator.MAX_BATCH)
                    .forEach(s -> names.add(s.name()));
              }
              var valid =
                  validator.validateFiles(
                      specs, jobs.registeredNames(caller.tenant(), id, validNames(names)));
              return jobs.register(caller.tenant(), id, valid);
            })
        .map(
            created ->
                ResponseEntity.created(URI.create("/api/v1/jobs/" + id + "/files"))
                    .body(CreateJobResponse.of(created)));
  }

  @GetMapping("/{id}/files")
  @Operation(
      summary = "List registered files",
      description =
          "The job's registered files a page at a time (in an order of the server's choosing that"
              + " stays the same between pages), each with whether its upload finished: what a"
              + " client needs to resume an interrupted upload.")
  public Mono<FileListResponse> list(
      @PathVariable String id,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @Parameter(description = "Page size, 1 to 1000") @RequestParam(required = false)
          Integer limit,
      @Parameter(hidden = true) Caller caller) {
    int size = limit == null ? DEFAULT_PAGE : limit;
    if (size < 1 || size > FileRegistry.MAX_PAGE) {
      return Mono.error(
          new InvalidRequestException(
              List.of(new FieldError("limit", "must be between 1 and " + FileRegistry.MAX_PAGE))));
    }
    String after = cursor == null || cursor.isBlank() ? null : cursor.strip();
    return Blocking.call(
        () -> {
          FileRegistry.Page page;
          try {
            page = jobs.files(caller.tenant(), id, after, size);
          } catch (IllegalArgumentException badCursor) {
            throw new InvalidRequestException(
                List.of(new FieldError("cursor", "is not a cursor this API returned")));
          }
          return FileListResponse.of(page, jobs.get(caller.tenant(), id).counts().imageCount());
        });
  }

  /** Only names that pass the name check are looked up (the validator reports the others). */
  private static List<String> validNames(List<String> names) {
    return names.stream().filter(io.biotrack.files.FileNames::isValid).toList();
  }
}
