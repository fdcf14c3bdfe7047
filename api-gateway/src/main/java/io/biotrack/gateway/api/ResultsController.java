package io.biotrack.gateway.api;

import io.biotrack.gateway.auth.Caller;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.results.ResultsCsv;
import io.biotrack.gateway.results.ResultsService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/v1/jobs/{id}/results}: the MegaDetector results file, streamed, or as CSV. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = ApiDocs.JOBS_TAG)
public class ResultsController {
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  private static final int CHUNK = 64 * 1024;

  private final ResultsService results;

  public ResultsController(ResultsService results) {
    this.results = results;
  }

  @GetMapping("/{id}/results")
  @Operation(
      summary = "Download results",
      description =
          "The MegaDetector batch output (format 1.6, what Timelapse and AddaxAI read), or with"
              + " format=csv one row per detection: file,category,conf,x,y,w,h,failure. Also"
              + " reachable without an API key through the signed URL in the job's results.url.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The results"),
        @ApiResponse(responseCode = "409", description = "The job is not COMPLETED")
      })
  public Mono<ResponseEntity<Flux<DataBuffer>>> results(
      @PathVariable String id,
      @Parameter(description = "json (default) or csv") @RequestParam(required = false)
          String format,
      ServerHttpResponse response,
      @Parameter(hidden = true) Caller caller) {
    boolean csv = isCsv(format);
    DataBufferFactory buffers = response.bufferFactory();
    return Blocking.call(() -> results.open(caller.tenant(), id))
        .map(
            in ->
                ResponseEntity.ok()
                    .contentType(csv ? CSV : MediaType.APPLICATION_JSON)
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                            .filename("biotrack-" + id + (csv ? ".csv" : ".json"))
                            .build()
                            .toString())
                    .body(csv ? csv(in, buffers) : json(in, buffers)));
  }

  private static boolean isCsv(String format) {
    if (format == null || format.isBlank()) {
      return false;
    }
    return switch (format.strip().toLowerCase(Locale.ROOT)) {
      case "json" -> false;
      case "csv" -> true;
      default -> throw new InvalidRequestException("format", "must be json or csv");
    };
  }

  private static Flux<DataBuffer> json(InputStream in, DataBufferFactory buffers) {
    return DataBufferUtils.readInputStream(() -> in, buffers, CHUNK)
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static Flux<DataBuffer> csv(InputStream in, DataBufferFactory buffers) {
    return Flux.from(
        DataBufferUtils.outputStreamPublisher(
            out -> {
              try (in) {
                ResultsCsv.write(in, out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            buffers,
            task -> Schedulers.boundedElastic().schedule(task),
            CHUNK));
  }
}
