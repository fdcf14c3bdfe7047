package io.biotrack.gateway.api;

import io.biotrack.gateway.auth.Caller;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.results.DownloadNames;
import io.biotrack.gateway.results.FolderZip;
import io.biotrack.gateway.results.ImagesCsv;
import io.biotrack.gateway.results.ResultsCsv;
import io.biotrack.gateway.results.ResultsService;
import io.biotrack.gateway.results.SummaryView;
import io.biotrack.results.DetectionCategory;
import io.biotrack.results.DetectionFilter;
import io.biotrack.results.RepeatDecision;
import io.biotrack.results.RepeatDetections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/jobs/{id}/results} (the MegaDetector results file, or a CSV of it at a
 * threshold) and {@code GET /api/v1/jobs/{id}/export/folders.zip} (the photos in folders by
 * category), each streamed and named after the job; {@code GET /api/v1/jobs/{id}/summary}.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = ApiDocs.JOBS_TAG)
public class ResultsController {
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  static final MediaType ZIP = MediaType.parseMediaType("application/zip");

  /**
   * The zip's and the summary's threshold when none is given: MegaDetector's typical threshold for
   * MDv5 results ({@code get_typical_confidence_threshold_from_results}); below it a v5 folder of
   * "animals" would be mostly rocks and branches. (The CSV keeps its default of every detection, as
   * it had before thresholds.)
   */
  static final double DEFAULT_THRESHOLD = 0.2;

  private static final int CHUNK = 64 * 1024;

  private enum Format {
    JSON,
    CSV,
    IMAGES_CSV
  }

  /** Writes one export to the response body. */
  @FunctionalInterface
  private interface Writer {
    void write(InputStream json, OutputStream out) throws IOException;
  }

  private final ResultsService results;

  public ResultsController(ResultsService results) {
    this.results = results;
  }

  @GetMapping("/{id}/results")
  @Operation(
      summary = "Download results",
      description =
          "The MegaDetector batch output (format 1.6, what Timelapse and AddaxAI read, always"
              + " whole); with format=csv one row per detection at or above threshold:"
              + " file,category,conf,x,y,w,h,failure,species,species_common_name,species_score"
              + " (the species of a classified detection's top classification); with"
              + " format=images-csv one row per photo: file,folder, per category the count and"
              + " highest confidence of its detections at or above threshold, failure,"
              + " prediction,prediction_common_name,prediction_score (the species ensemble's"
              + " decision). The CSVs leave out the detections of repeat groups a user confirmed"
              + " as false positives (PUT .../repeats/{groupId}); the JSON stays whole, as the"
              + " reference file. Named after the job. The JSON is also reachable"
              + " without an API key through the signed URL in the job's results.url.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The results"),
        @ApiResponse(responseCode = "400", description = "Unknown format or threshold outside 0-1"),
        @ApiResponse(responseCode = "409", description = "The job is not COMPLETED")
      })
  public Mono<ResponseEntity<Flux<DataBuffer>>> results(
      @PathVariable String id,
      @Parameter(description = "json (default), csv or images-csv") @RequestParam(required = false)
          String format,
      @Parameter(
              description =
                  "csv and images-csv: lowest confidence kept, 0 to 1 (0: every" + " detection)")
          @RequestParam(required = false)
          Double threshold,
      ServerHttpResponse response,
      @Parameter(hidden = true) Caller caller) {
    Format chosen = format(format);
    if (chosen == Format.JSON && threshold != null) {
      throw new InvalidRequestException(
          "threshold",
          "applies to format=csv and format=images-csv; the JSON results are always whole"
              + " (Timelapse and AddaxAI apply their own threshold)");
    }
    DetectionFilter atThreshold = filter(threshold, 0);
    DataBufferFactory buffers = response.bufferFactory();
    return Blocking.call(
            () ->
                chosen == Format.JSON
                    ? whole(results.openWithJob(caller.tenant(), id))
                    : results.openForExport(caller.tenant(), id))
        .map(
            opened -> {
              String base = DownloadNames.base(opened.job().name(), id);
              InputStream in = opened.json();
              DetectionFilter filter = atThreshold.withSetAside(opened.setAside());
              // The species names follow the images in the file: read first, on the writer's
              // thread.
              return switch (chosen) {
                case JSON -> download(base, ".json", MediaType.APPLICATION_JSON, json(in, buffers));
                case CSV ->
                    download(
                        base,
                        ".csv",
                        CSV,
                        stream(
                            in,
                            buffers,
                            (json, out) ->
                                ResultsCsv.write(
                                    json, out, filter, results.classificationNames(id))));
                case IMAGES_CSV ->
                    download(
                        base,
                        "-images.csv",
                        CSV,
                        stream(
                            in,
                            buffers,
                            (json, out) ->
                                ImagesCsv.write(
                                    json, out, filter, results.classificationNames(id))));
              };
            });
  }

  @GetMapping("/{id}/export/folders.zip")
  @Operation(
      summary = "Download the photos in folders by category",
      description =
          "Every photo of a COMPLETED job once, under a top folder named for its categories at the"
              + " threshold (animal, person, vehicle, joined with _ when several, empty when none,"
              + " processing_failure when it could not be read), its relative path kept, as"
              + " MegaDetector's separate_detections_into_folders does; confirmed repeat detections"
              + " do not count. Streamed; named after the job.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The zip"),
        @ApiResponse(responseCode = "400", description = "threshold outside 0-1"),
        @ApiResponse(responseCode = "409", description = "The job is not COMPLETED")
      })
  public Mono<ResponseEntity<Flux<DataBuffer>>> foldersZip(
      @PathVariable String id,
      @Parameter(
              description =
                  "Lowest confidence that puts a photo in a category's folder, 0 to 1"
                      + " (0.2, MegaDetector's usual threshold for MDv5)")
          @RequestParam(required = false)
          Double threshold,
      ServerHttpResponse response,
      @Parameter(hidden = true) Caller caller) {
    DetectionFilter atThreshold = filter(threshold, DEFAULT_THRESHOLD);
    DataBufferFactory buffers = response.bufferFactory();
    return Blocking.call(() -> results.openForExport(caller.tenant(), id))
        .map(
            opened -> {
              FolderZip.Photos photos = results.photos(id);
              DetectionFilter filter = atThreshold.withSetAside(opened.setAside());
              return download(
                  DownloadNames.base(opened.job().name(), id),
                  "-folders.zip",
                  ZIP,
                  stream(
                      opened.json(),
                      buffers,
                      (json, out) -> FolderZip.write(json, out, filter, photos)));
            });
  }

  @GetMapping(path = "/{id}/summary", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Summarise results",
      description =
          "What a COMPLETED job found at the threshold: photos and detections per category, empty"
              + " and failed photos, overall and per folder (camera or site); and per category a"
              + " histogram of the photos by their highest confidence, which does not depend on"
              + " the threshold. Confirmed repeat detections do not count.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The summary"),
        @ApiResponse(responseCode = "400", description = "threshold outside 0-1"),
        @ApiResponse(responseCode = "409", description = "The job is not COMPLETED")
      })
  public Mono<SummaryView> summary(
      @PathVariable String id,
      @Parameter(description = "Lowest confidence counted, 0 to 1 (0.2)")
          @RequestParam(required = false)
          Double threshold,
      @Parameter(hidden = true) Caller caller) {
    DetectionFilter filter = filter(threshold, DEFAULT_THRESHOLD);
    return Blocking.call(
        () ->
            SummaryView.of(
                results.summary(caller.tenant(), id, filter), results.classificationNames(id)));
  }

  /** The answer of {@code GET /repeats}. */
  @io.swagger.v3.oas.annotations.media.Schema(
      description = "Detections that repeat at one place across many photos of a folder")
  public record RepeatsView(
      @io.swagger.v3.oas.annotations.media.Schema(
              description = "What counts as a repeat (MegaDetector's repeat detection defaults)")
          RepeatDetections.Options options,
      List<RepeatView> locations) {}

  /** One flagged place: category by name, box as [x, y, w, h] of its first detection. */
  public record RepeatView(
      @io.swagger.v3.oas.annotations.media.Schema(
              description =
                  "The group's id: the same for the same results file; names the group in PUT"
                      + " .../repeats/{groupId}",
              example = "3f9a0c1d2b4e5f60")
          String id,
      String folder,
      String category,
      List<Double> bbox,
      int photos,
      double maxConf,
      List<String> sampleFiles,
      @io.swagger.v3.oas.annotations.media.Schema(
              description =
                  "confirmed (a false positive: its detections are left out of the CSVs, the"
                      + " folders zip and the summary), rejected (kept) or null (not decided yet:"
                      + " kept)",
              allowableValues = {"confirmed", "rejected"},
              nullable = true)
          String decision) {
    static RepeatView of(ResultsService.ReviewedRepeat reviewed) {
      RepeatDetections.Location l = reviewed.location();
      String category;
      try {
        category = DetectionCategory.ofId(l.category()).label();
      } catch (IllegalArgumentException unknown) {
        category = l.category();
      }
      return new RepeatView(
          l.id(),
          l.folder(),
          category,
          l.bbox(),
          l.photos(),
          l.maxConf(),
          l.sampleFiles(),
          reviewed.decision() == null ? null : reviewed.decision().wireName());
    }
  }

  /** The body of {@code PUT .../repeats/{groupId}}. */
  @io.swagger.v3.oas.annotations.media.Schema(
      description = "A user's decision about a flagged repeat detection group")
  public record RepeatDecisionRequest(
      @io.swagger.v3.oas.annotations.media.Schema(
              description =
                  "confirmed: a false positive (a rock, a branch), left out of exports; rejected:"
                      + " something real, kept",
              allowableValues = {"confirmed", "rejected"},
              requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
          String decision) {}

  @GetMapping(path = "/{id}/repeats", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Flag repeated detections",
      description =
          "Places where detections of one category repeat across many photos of one folder"
              + " (camera or site): usually a rock, branch or post, sometimes an animal that"
              + " stayed. As MegaDetector's repeat detection elimination with its defaults:"
              + " confidence at least 0.1, box at most 0.2 of the image, IoU at least 0.9, in at"
              + " least 20 photos. Each group has an id and the user's decision (PUT"
              + " .../repeats/{groupId}); the detections of confirmed groups are left out of the"
              + " CSVs, the folders zip and the summary, never out of the JSON results.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The flagged places, by folder"),
        @ApiResponse(responseCode = "409", description = "The job is not COMPLETED")
      })
  public Mono<RepeatsView> repeats(
      @PathVariable String id, @Parameter(hidden = true) Caller caller) {
    return Blocking.call(
        () ->
            new RepeatsView(
                RepeatDetections.Options.MEGADETECTOR,
                results.repeats(caller.tenant(), id).stream().map(RepeatView::of).toList()));
  }

  @PutMapping(
      path = "/{id}/repeats/{groupId}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Decide about a repeated detection",
      description =
          "Records whether a flagged group is a false positive (confirmed: its detections at the"
              + " group's place, confidence at least 0.1, are left out of the CSVs, the folders"
              + " zip and the summary) or real (rejected: kept). A later decision replaces an"
              + " earlier one. The JSON results always stay whole.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The group with its decision"),
        @ApiResponse(responseCode = "400", description = "decision is not confirmed or rejected"),
        @ApiResponse(
            responseCode = "404",
            description = "No such job, or the job's results flag no such group"),
        @ApiResponse(responseCode = "409", description = "The job is not COMPLETED")
      })
  public Mono<RepeatView> decide(
      @PathVariable String id,
      @PathVariable String groupId,
      @RequestBody(required = false) RepeatDecisionRequest request,
      @Parameter(hidden = true) Caller caller) {
    RepeatDecision decision = decision(request);
    return Blocking.call(
        () -> RepeatView.of(results.decide(caller.tenant(), id, groupId, decision)));
  }

  private static RepeatDecision decision(RepeatDecisionRequest request) {
    try {
      return RepeatDecision.ofWireName(request == null ? null : request.decision());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "decision", "must be confirmed (a false positive, left out of exports) or rejected");
    }
  }

  /** The JSON download: nothing is set aside from it. */
  private static ResultsService.Export whole(ResultsService.Opened opened) {
    return new ResultsService.Export(opened.job(), opened.json(), DetectionFilter.SetAside.NONE);
  }

  private static ResponseEntity<Flux<DataBuffer>> download(
      String base, String suffix, MediaType type, Flux<DataBuffer> body) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, DownloadNames.attachment(base, suffix))
        .body(body);
  }

  static DetectionFilter filter(Double threshold, double otherwise) {
    if (threshold == null) {
      return DetectionFilter.atLeast(otherwise);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new InvalidRequestException("threshold", "must be a number between 0 and 1, e.g. 0.2");
    }
    return DetectionFilter.atLeast(threshold);
  }

  private static Format format(String format) {
    if (format == null || format.isBlank()) {
      return Format.JSON;
    }
    return switch (format.strip().toLowerCase(Locale.ROOT)) {
      case "json" -> Format.JSON;
      case "csv" -> Format.CSV;
      case "images-csv" -> Format.IMAGES_CSV;
      default -> throw new InvalidRequestException("format", "must be json, csv or images-csv");
    };
  }

  private static Flux<DataBuffer> json(InputStream in, DataBufferFactory buffers) {
    return DataBufferUtils.readInputStream(() -> in, buffers, CHUNK)
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Runs {@code writer} on a blocking thread as the client reads, a chunk at a time. */
  private static Flux<DataBuffer> stream(InputStream in, DataBufferFactory buffers, Writer writer) {
    return Flux.from(
        DataBufferUtils.outputStreamPublisher(
            out -> {
              try (in) {
                writer.write(in, out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            buffers,
            task -> Schedulers.boundedElastic().schedule(task),
            CHUNK));
  }
}
