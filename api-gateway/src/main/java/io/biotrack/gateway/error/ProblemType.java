package io.biotrack.gateway.error;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The problem types this API answers with (RFC 9457 {@code type}). They are URNs: stable
 * identifiers that clients can switch on; docs/api.md lists them.
 */
public enum ProblemType {
  VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid request"),
  MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
  INVALID_FILE_NAME("invalid-file-name", HttpStatus.BAD_REQUEST, "Invalid file name"),
  UNSUPPORTED_IMAGE("unsupported-image-type", HttpStatus.BAD_REQUEST, "Unsupported image type"),
  TOO_MANY_FILES("too-many-files", HttpStatus.BAD_REQUEST, "Too many files"),
  FILE_TOO_LARGE("file-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "File too large"),
  BODY_TOO_LARGE("body-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
  /**
   * 421: the Host names a server this is not (a keyless gateway and a DNS-rebinding page). Not 400,
   * because the request itself is fine; it was sent to the wrong name.
   */
  MISDIRECTED_REQUEST("misdirected-request", HttpStatusCode.valueOf(421), "Misdirected request"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Unauthenticated"),
  CROSS_SITE_REQUEST("cross-site-request", HttpStatus.FORBIDDEN, "Cross-site request refused"),
  JOB_NOT_FOUND("job-not-found", HttpStatus.NOT_FOUND, "Job not found"),
  RESULTS_NOT_FOUND("results-not-found", HttpStatus.NOT_FOUND, "Results not found"),
  FILE_NOT_FOUND("file-not-found", HttpStatus.NOT_FOUND, "File not found"),
  REPEAT_GROUP_NOT_FOUND(
      "repeat-group-not-found", HttpStatus.NOT_FOUND, "Repeat detection group not found"),
  FILE_NOT_REGISTERED("file-not-registered", HttpStatus.NOT_FOUND, "File not registered"),
  JOB_STATE_CONFLICT("job-state-conflict", HttpStatus.CONFLICT, "Job is in the wrong state"),
  FILE_NAME_CONFLICT("file-name-conflict", HttpStatus.CONFLICT, "File name conflict"),
  NO_IMAGES("no-images", HttpStatus.UNPROCESSABLE_ENTITY, "No images uploaded"),
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private static final String PREFIX = "urn:biotrack:problem:";

  private final URI uri;
  private final HttpStatusCode status;
  private final String title;

  ProblemType(String slug, HttpStatusCode status, String title) {
    this.uri = URI.create(PREFIX + slug);
    this.status = status;
    this.title = title;
  }

  public URI uri() {
    return uri;
  }

  public HttpStatusCode status() {
    return status;
  }

  public String title() {
    return title;
  }
}
