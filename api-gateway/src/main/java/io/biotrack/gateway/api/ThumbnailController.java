package io.biotrack.gateway.api;

import io.biotrack.gateway.auth.Caller;
import io.biotrack.gateway.auth.SignedUrlAuthenticator;
import io.biotrack.gateway.thumbnail.ThumbnailService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/jobs/{id}/thumbnails/{name}}: the viewer grid's picture of one photo, shaped
 * like {@code GET /api/v1/jobs/{id}/files/{name}} (same owner, same names, same 404s).
 */
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = ApiDocs.JOBS_TAG)
public class ThumbnailController {
  private final ThumbnailService thumbnails;

  public ThumbnailController(ThumbnailService thumbnails) {
    this.thumbnails = thumbnails;
  }

  @GetMapping(path = "/{id}/thumbnails/{*name}", produces = MediaType.ALL_VALUE)
  @Operation(
      summary = "Download one photo's thumbnail",
      description =
          "A JPEG of the photo at most 320 px on its longest side, turned by its EXIF orientation"
              + " as detection turned it, for the job's owner (an API key, or none in embedded"
              + " mode). Workers write it while they process the photo; a photo without one (a"
              + " job from before thumbnails, reused results) gets it made from the original on"
              + " the first request. A photo that cannot be decoded gets an SVG placeholder. Once"
              + " the job is started the thumbnail never changes: it is cached as immutable.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The thumbnail (image/jpeg)"),
        @ApiResponse(
            responseCode = "404",
            description = "No such job for this tenant, or no such photo in the job")
      })
  public Mono<ResponseEntity<byte[]>> thumbnail(
      @PathVariable String id,
      @Parameter(description = "The photo's relative path, e.g. cam1/IMG_0001.JPG")
          @PathVariable("name")
          String name,
      @Parameter(hidden = true) Caller caller) {
    String file = SignedUrlAuthenticator.stripLeadingSlash(name);
    return Blocking.call(() -> thumbnails.get(caller.tenant(), id, file))
        .map(
            thumbnail ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(thumbnail.mediaType()))
                    // Private: one tenant's photo. Immutable once the job's photos are frozen
                    // (the URL names the job); before that a re-upload may change it.
                    .cacheControl(
                        thumbnail.frozen()
                            ? CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable()
                            : CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(thumbnail.content()));
  }
}
