package io.biotrack.gateway.api;

import io.biotrack.gateway.auth.Caller;
import io.biotrack.gateway.embedded.EmbeddedPlatform;
import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.job.JobStarter;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobQuery;
import io.biotrack.job.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Jobs: create, start, read, list, cancel, delete. */
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = ApiDocs.JOBS_TAG, description = "Camera-trap detection jobs")
public class JobController {
  static final int DEFAULT_PAGE_SIZE = 20;

  private final JobService jobs;
  private final JobStarter starter;
  private final CreateJobRequestValidator validator;

  /**
   * The test-model warning, looked up once: the model is chosen at start-up (installing another
   * takes a restart), and every job page polls {@link #get}, where a bean look-up and the warning's
   * text per request were a measurable share of its cost (docs/performance.md).
   */
  private final SingletonSupplier<Optional<String>> modelWarning;

  public JobController(
      JobService jobs,
      JobStarter starter,
      CreateJobRequestValidator validator,
      ObjectProvider<EmbeddedPlatform> embedded) {
    this.jobs = jobs;
    this.starter = starter;
    this.validator = validator;
    this.modelWarning =
        SingletonSupplier.of(() -> Optional.ofNullable(InfoController.modelWarning(embedded)));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Create a job",
      description =
          "Creates a PENDING job for the listed files and returns one upload target per file.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(examples = @ExampleObject(value = ApiDocs.CREATE_REQUEST))),
      responses = {
        @ApiResponse(
            responseCode = "201",
            content = @Content(examples = @ExampleObject(value = ApiDocs.CREATE_RESPONSE))),
        @ApiResponse(
            responseCode = "400",
            description = "A field is invalid (each one is listed in errors)",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    examples = @ExampleObject(value = ApiDocs.VALIDATION_PROBLEM)))
      })
  public Mono<ResponseEntity<CreateJobResponse>> create(
      @RequestBody CreateJobRequest request, @Parameter(hidden = true) Caller caller) {
    return Mono.fromCallable(() -> validator.validate(request))
        .flatMap(newJob -> Blocking.call(() -> jobs.create(caller.tenant(), newJob)))
        .map(
            created ->
                ResponseEntity.created(URI.create("/api/v1/jobs/" + created.job().id()))
                    .body(CreateJobResponse.of(created)));
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "Get a job",
      description = "State, progress counts, timestamps; a short-lived results URL once COMPLETED.",
      responses = {
        @ApiResponse(
            responseCode = "200",
            content = @Content(examples = @ExampleObject(value = ApiDocs.JOB))),
        @ApiResponse(responseCode = "404", description = "No such job for this tenant")
      })
  public Mono<JobView> get(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
    Callable<JobView> read =
        () -> {
          Job job = jobs.get(caller.tenant(), id);
          return JobView.of(job, jobs.resultsUrl(job).orElse(null)).withWarning(modelWarning());
        };
    // Every job page polls this. The embedded store (H2, with the local signer for the results
    // URL) answers in-process in microseconds, less than handing the read to a blocking thread
    // and the answer back costs; any other store (Azure: network I/O), or H2 with every session
    // in use, is read off the event loop as before.
    return jobs.getsWithoutWaiting() ? Mono.fromCallable(read) : Blocking.call(read);
  }

  @GetMapping
  @Operation(
      summary = "List jobs",
      description = "The caller's jobs, newest first, one page at a time.")
  public Mono<JobListResponse> list(
      @Parameter(description = "Page size, 1 to 100") @RequestParam(required = false) Integer limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @Parameter(
              description = "Only jobs in this state",
              schema = @Schema(implementation = JobStatus.class))
          @RequestParam(required = false)
          String status,
      @Parameter(hidden = true) Caller caller) {
    return Mono.fromCallable(() -> query(limit, cursor, status))
        .flatMap(query -> Blocking.call(() -> jobs.list(caller.tenant(), query)))
        .map(JobListResponse::of);
  }

  @PostMapping("/{id}/start")
  @Operation(
      summary = "Start a job",
      description =
          "PENDING → QUEUED and enqueue. The image count becomes the number of uploaded images.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Queued"),
        @ApiResponse(
            responseCode = "409",
            description = "Not PENDING; the problem's state says what it is",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    examples = @ExampleObject(value = ApiDocs.CONFLICT_PROBLEM))),
        @ApiResponse(responseCode = "422", description = "No image was uploaded")
      })
  public Mono<ResponseEntity<JobView>> start(
      @PathVariable String id, @Parameter(hidden = true) Caller caller) {
    return Blocking.call(() -> starter.start(caller.tenant(), id))
        .map(job -> ResponseEntity.accepted().body(JobView.of(job).withWarning(modelWarning())));
  }

  @PostMapping("/{id}/cancel")
  @Operation(
      summary = "Cancel a job",
      description = "Any state that has not finished → CANCELLED; a running worker is stopped.",
      responses = {@ApiResponse(responseCode = "409", description = "The job already finished")})
  public Mono<JobView> cancel(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
    return Blocking.call(() -> JobView.of(jobs.cancel(caller.tenant(), id)));
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary = "Delete a finished job",
      description = "Deletes the record, the uploaded images and the results.",
      responses = {
        @ApiResponse(responseCode = "204", description = "Deleted"),
        @ApiResponse(
            responseCode = "409",
            description = "The job has not finished; cancel it first")
      })
  public Mono<ResponseEntity<Void>> delete(
      @PathVariable String id, @Parameter(hidden = true) Caller caller) {
    return Blocking.call(
        () -> {
          jobs.delete(caller.tenant(), id);
          return ResponseEntity.noContent().build();
        });
  }

  private String modelWarning() {
    return modelWarning.obtain().orElse(null);
  }

  private static JobQuery query(Integer limit, String cursor, String status) {
    List<FieldError> errors = new ArrayList<>();
    int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
    if (size < 1 || size > JobQuery.MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be between 1 and " + JobQuery.MAX_LIMIT));
    }
    JobStatus state = null;
    if (status != null && !status.isBlank()) {
      try {
        state = JobStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError("status", "must be one of " + Arrays.toString(JobStatus.values())));
      }
    }
    String after = cursor == null || cursor.isBlank() ? null : cursor.strip();
    // Cursors are job ids (the last one of the previous page); anything else cannot be one.
    if (after != null && !JobIds.isValid(after)) {
      errors.add(new FieldError("cursor", "is not a cursor this API returned"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new JobQuery(state, size, after);
  }
}
