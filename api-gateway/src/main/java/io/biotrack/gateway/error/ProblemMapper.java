package io.biotrack.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.biotrack.files.ImageType;
import io.biotrack.files.InvalidFileNameException;
import io.biotrack.gateway.auth.CrossSiteRequestException;
import io.biotrack.gateway.auth.MisdirectedRequestException;
import io.biotrack.gateway.auth.UnauthenticatedException;
import io.biotrack.gateway.job.FileNotRegisteredException;
import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.gateway.job.NoUploadedImagesException;
import io.biotrack.gateway.job.TooManyFilesException;
import io.biotrack.gateway.results.RepeatGroupNotFoundException;
import io.biotrack.gateway.results.ResultsNotFoundException;
import io.biotrack.gateway.upload.UnsupportedImageException;
import io.biotrack.gateway.upload.UploadInterruptedException;
import io.biotrack.gateway.upload.UploadedFileNotFoundException;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.JobNotFoundException;
import io.biotrack.storage.BlobNameRefusedException;
import io.biotrack.storage.BlobTooLargeException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.Exceptions;

/**
 * The one place that turns an error into an RFC 9457 problem. Pure: no I/O, no logging. Anything it
 * does not know becomes a 500 whose detail says nothing about the internals.
 */
public final class ProblemMapper {

  public ProblemDetail toProblem(Throwable error, String path) {
    ProblemDetail problem = map(Exceptions.unwrap(error));
    problem.setInstance(URI.create(path == null ? "/" : safePath(path)));
    return problem;
  }

  private ProblemDetail map(Throwable e) {
    if (e instanceof InvalidRequestException invalid) {
      return problem(
          ProblemType.VALIDATION, invalid.getMessage(), Map.of("errors", invalid.errors()));
    }
    if (e instanceof InvalidFileNameException bad) {
      return problem(
          ProblemType.INVALID_FILE_NAME,
          bad.getMessage(),
          Map.of("errors", List.of(new FieldError("name", bad.reason()))));
    }
    if (e instanceof JobNotFoundException) {
      return problem(ProblemType.JOB_NOT_FOUND, "no such job", Map.of());
    }
    if (e instanceof JobStateConflictException conflict) {
      return problem(
          ProblemType.JOB_STATE_CONFLICT,
          conflict.getMessage(),
          Map.of("jobId", conflict.jobId(), "state", conflict.state().name()));
    }
    if (e instanceof ConcurrentUpdateException) {
      return problem(
          ProblemType.JOB_STATE_CONFLICT,
          "the job kept changing while this request updated it; try again",
          Map.of());
    }
    if (e instanceof NoUploadedImagesException) {
      return problem(ProblemType.NO_IMAGES, e.getMessage(), Map.of());
    }
    if (e instanceof TooManyFilesException tooMany) {
      return problem(ProblemType.TOO_MANY_FILES, e.getMessage(), Map.of("limit", tooMany.limit()));
    }
    if (e instanceof BlobTooLargeException tooLarge) {
      return problem(
          ProblemType.FILE_TOO_LARGE,
          "the file is larger than the limit of " + tooLarge.limitBytes() + " bytes per file",
          Map.of("limit", tooLarge.limitBytes()));
    }
    if (e instanceof UnsupportedImageException) {
      return problem(
          ProblemType.UNSUPPORTED_IMAGE,
          e.getMessage(),
          Map.of("accepted", ImageType.acceptedNames()));
    }
    if (e instanceof UploadInterruptedException) {
      return problem(ProblemType.MALFORMED_REQUEST, e.getMessage(), Map.of());
    }
    if (e instanceof ResultsNotFoundException) {
      return problem(ProblemType.RESULTS_NOT_FOUND, e.getMessage(), Map.of());
    }
    if (e instanceof RepeatGroupNotFoundException) {
      return problem(ProblemType.REPEAT_GROUP_NOT_FOUND, e.getMessage(), Map.of());
    }
    if (e instanceof FileNotRegisteredException) {
      return problem(ProblemType.FILE_NOT_REGISTERED, e.getMessage(), Map.of());
    }
    if (e instanceof UploadedFileNotFoundException) {
      return problem(ProblemType.FILE_NOT_FOUND, e.getMessage(), Map.of());
    }
    if (e instanceof UnauthenticatedException) {
      return problem(ProblemType.UNAUTHENTICATED, e.getMessage(), Map.of());
    }
    if (e instanceof MisdirectedRequestException) {
      return problem(ProblemType.MISDIRECTED_REQUEST, e.getMessage(), Map.of());
    }
    if (e instanceof CrossSiteRequestException) {
      return problem(ProblemType.CROSS_SITE_REQUEST, e.getMessage(), Map.of());
    }
    if (e instanceof BlobNameRefusedException refused) {
      return blobNameProblem(refused);
    }
    DataBufferLimitException bodyLimit = cause(e, DataBufferLimitException.class);
    if (bodyLimit != null) {
      return problem(
          ProblemType.BODY_TOO_LARGE,
          "the request body is larger than this endpoint accepts",
          Map.of());
    }
    if (e instanceof ServerWebInputException input) {
      return inputProblem(input);
    }
    if (e instanceof ErrorResponse framework) {
      return frameworkProblem(framework);
    }
    return problem(
        ProblemType.INTERNAL, "the server failed to handle this request; it was logged", Map.of());
  }

  /**
   * A name the storage cannot hold. Creating a job refuses such names already; this is the last
   * line, e.g. for a job created before that check. The blob name holds the job id, so the sentence
   * names no file: the request path says which one it was.
   */
  private static ProblemDetail blobNameProblem(BlobNameRefusedException refused) {
    if (refused.reason() == BlobNameRefusedException.Reason.TOO_LONG) {
      return problem(
          ProblemType.INVALID_FILE_NAME,
          "this file's name is too long for the storage; use shorter folder and file names",
          Map.of());
    }
    return problem(
        ProblemType.FILE_NAME_CONFLICT,
        "this file's name clashes with another file of the job: one would have to be a file and a"
            + " folder at once (like 'd' and 'd/e.jpg'); rename one of them in a new job",
        Map.of());
  }

  /** Bad JSON, a wrong type, a missing body or an unparsable parameter. */
  private ProblemDetail inputProblem(ServerWebInputException input) {
    MismatchedInputException mismatch = cause(input, MismatchedInputException.class);
    if (mismatch != null && !mismatch.getPath().isEmpty()) {
      String field = fieldPath(mismatch.getPath());
      return problem(
          ProblemType.VALIDATION,
          field + ": " + expected(mismatch.getTargetType()),
          Map.of("errors", List.of(new FieldError(field, expected(mismatch.getTargetType())))));
    }
    JsonProcessingException json = cause(input, JsonProcessingException.class);
    if (json != null && String.valueOf(json.getOriginalMessage()).startsWith("No content to map")) {
      return problem(ProblemType.MALFORMED_REQUEST, "the request body is missing", Map.of());
    }
    if (json != null) {
      return problem(
          ProblemType.MALFORMED_REQUEST,
          "the body is not valid JSON: " + firstLine(json.getOriginalMessage()),
          Map.of());
    }
    TypeMismatchException mismatchParam = cause(input, TypeMismatchException.class);
    if (mismatchParam != null && input.getMethodParameter() != null) {
      String field = input.getMethodParameter().getParameterName();
      String detail = "must be " + article(mismatchParam.getRequiredType());
      return problem(
          ProblemType.VALIDATION,
          field + ": " + detail,
          Map.of("errors", List.of(new FieldError(field, detail))));
    }
    String reason = input.getReason() == null ? "the request is malformed" : input.getReason();
    if (reason.startsWith("No request body")) {
      reason = "the request body is missing";
    }
    return problem(ProblemType.MALFORMED_REQUEST, reason, Map.of());
  }

  /** Spring's own errors (no route, method not allowed, unsupported media type) keep its text. */
  private static ProblemDetail frameworkProblem(ErrorResponse framework) {
    HttpStatusCode status = framework.getStatusCode();
    if (status.is5xxServerError()) {
      return problem(
          ProblemType.INTERNAL,
          "the server failed to handle this request; it was logged",
          Map.of());
    }
    ProblemDetail body = framework.getBody();
    ProblemDetail problem = ProblemDetail.forStatus(status);
    HttpStatus known = HttpStatus.resolve(status.value());
    problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
    problem.setDetail(body.getDetail() == null ? problem.getTitle() : body.getDetail());
    return problem;
  }

  private static ProblemDetail problem(ProblemType type, String detail, Map<String, ?> extra) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
    problem.setType(type.uri());
    problem.setTitle(type.title());
    extra.forEach(problem::setProperty);
    return problem;
  }

  private static String fieldPath(List<JsonMappingException.Reference> path) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }

  private static String expected(Class<?> type) {
    return "must be " + article(type);
  }

  private static String article(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return "an object";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** The request path as a URI reference, whatever odd characters it holds. */
  private static String safePath(String path) {
    try {
      return URI.create(path).toString();
    } catch (IllegalArgumentException e) {
      return "/";
    }
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
