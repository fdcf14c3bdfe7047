package io.biotrack.gateway.api;

import io.biotrack.gateway.auth.Caller;
import io.biotrack.gateway.auth.SignedUrlAuthenticator;
import io.biotrack.gateway.upload.UploadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code PUT /api/v1/jobs/{id}/files/{name}}: the raw request body streamed into the blob store.
 * The body reaches the store through a bounded buffer (a few network chunks), so neither memory nor
 * disk holds the file; the size limit is enforced while streaming. {@code GET} streams an uploaded
 * file back to the job's owner (the web UI draws detections over it).
 */
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = ApiDocs.JOBS_TAG)
public class UploadController {
  /** Network chunks requested ahead of the blocking reader: bounds memory per upload. */
  static final int PREFETCH_BUFFERS = 8;

  private static final int DOWNLOAD_CHUNK = 64 * 1024;

  private final UploadService uploads;

  public UploadController(UploadService uploads) {
    this.uploads = uploads;
  }

  @PutMapping("/{id}/files/{*name}")
  @Operation(
      summary = "Upload one file",
      description =
          "The request body is the image (JPEG, PNG, TIFF, BMP or WebP, recognised by its first"
              + " bytes). Works with an API key, or without one through the signed URL that"
              + " creating the job returned (embedded mode). Replaces a file of the same name.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                      schema = @Schema(type = "string", format = "binary"))),
      responses = {
        @ApiResponse(responseCode = "201", description = "Stored"),
        @ApiResponse(
            responseCode = "400",
            description = "Bad name, unsupported type, too many files"),
        @ApiResponse(responseCode = "409", description = "The job is no longer PENDING"),
        @ApiResponse(responseCode = "413", description = "Larger than the per-file limit")
      })
  public Mono<ResponseEntity<UploadResponse>> upload(
      @PathVariable String id,
      @Parameter(description = "The file's relative path, e.g. cam1/IMG_0001.JPG")
          @PathVariable("name")
          String name,
      ServerHttpRequest request,
      @Parameter(hidden = true) Caller caller) {
    String file = SignedUrlAuthenticator.stripLeadingSlash(name);
    long declaredLength = request.getHeaders().getContentLength();
    return Blocking.call(
            () ->
                uploads.store(
                    caller.tenant(),
                    id,
                    file,
                    declaredLength,
                    () ->
                        DataBufferUtils.subscriberInputStream(request.getBody(), PREFETCH_BUFFERS)))
        .map(stored -> ResponseEntity.status(HttpStatus.CREATED).body(UploadResponse.of(stored)));
  }

  @GetMapping(path = "/{id}/files/{*name}", produces = MediaType.ALL_VALUE)
  @Operation(
      summary = "Download one uploaded file",
      description =
          "The image as it was uploaded, for the job's owner (an API key, or none in embedded"
              + " mode). Upload URLs do not grant this.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The image"),
        @ApiResponse(
            responseCode = "404",
            description = "No such job for this tenant, or no such file")
      })
  public Mono<ResponseEntity<Flux<DataBuffer>>> download(
      @PathVariable String id,
      @Parameter(description = "The file's relative path, e.g. cam1/IMG_0001.JPG")
          @PathVariable("name")
          String name,
      ServerHttpResponse response,
      @Parameter(hidden = true) Caller caller) {
    String file = SignedUrlAuthenticator.stripLeadingSlash(name);
    DataBufferFactory buffers = response.bufferFactory();
    return Blocking.call(() -> uploads.open(caller.tenant(), id, file))
        .map(
            opened ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(opened.mediaType()))
                    // Private: the image belongs to one tenant; it changes only while PENDING.
                    .cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(
                        DataBufferUtils.readInputStream(opened::content, buffers, DOWNLOAD_CHUNK)
                            .subscribeOn(Schedulers.boundedElastic())));
  }
}
