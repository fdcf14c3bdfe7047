package io.biotrack.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.biotrack.gateway.auth.Caller;
import io.biotrack.gateway.error.FieldError;
import io.biotrack.gateway.error.InvalidRequestException;
import io.biotrack.gateway.results.ImagePages;
import io.biotrack.results.ImageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/jobs/{id}/images}: a COMPLETED job's images, a page at a time, filtered. */
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = ApiDocs.JOBS_TAG)
public class ImagesController {
  static final int DEFAULT_LIMIT = 100;

  private final ImagePages pages;

  public ImagesController(ImagePages pages) {
    this.pages = pages;
  }

  @Schema(description = "A page of a job's images, in file-name order")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ImagesResponse(
      List<ImageResult> images,
      @Schema(description = "Pass it as cursor for the next page; absent on the last page")
          String nextCursor,
      @Schema(
              description =
                  "Names of the classification categories the page's images use (their"
                      + " detections' classifications and prediction), as the results file's"
                      + " classification_categories; absent without a species classifier")
          Map<String, String> classificationCategories) {}

  @GetMapping("/{id}/images")
  @Operation(
      summary = "List a job's images",
      description =
          "The results of a COMPLETED job a page at a time, in file-name order, each image with its"
              + " detections at or above minConf; category keeps only images with such a detection"
              + " of that category (animal, person, vehicle), or with none (empty), or that"
              + " failed.")
  public Mono<ImagesResponse> images(
      @PathVariable String id,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @Parameter(description = "Page size, 1 to 1000 (100)") @RequestParam(required = false)
          Integer limit,
      @Parameter(
              description = "animal, person, vehicle, empty or failed; several separated by commas")
          @RequestParam(required = false)
          String category,
      @Parameter(description = "Lowest detection confidence shown, 0 to 1 (0)")
          @RequestParam(required = false)
          Double minConf,
      @Parameter(hidden = true) Caller caller) {
    List<FieldError> errors = new ArrayList<>();
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > ImagePages.MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be between 1 and " + ImagePages.MAX_LIMIT));
    }
    ImagePages.Filter filter = null;
    try {
      filter = ImagePages.Filter.of(category, minConf == null ? 0 : minConf);
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError(
              e.getMessage().startsWith("minConf") ? "minConf" : "category", e.getMessage()));
    }
    if (!errors.isEmpty()) {
      return Mono.error(new InvalidRequestException(errors));
    }
    ImagePages.Filter chosen = filter;
    String after = blankToNull(cursor);
    return Blocking.call(
        () -> {
          try {
            ImagePages.Page page = pages.page(caller.tenant(), id, after, size, chosen);
            return new ImagesResponse(
                page.images(),
                page.nextCursor(),
                page.classificationCategories().isEmpty() ? null : page.classificationCategories());
          } catch (IllegalArgumentException badCursor) {
            throw new InvalidRequestException(
                List.of(new FieldError("cursor", "is not a cursor this API returned")));
          }
        });
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
