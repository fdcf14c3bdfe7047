package io.biotrack.gateway.error;

import java.util.List;

/** The request is well-formed but some fields are wrong; every bad field is listed. */
public class InvalidRequestException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(summary(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid request needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String detail) {
    this(List.of(new FieldError(field, detail)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    if (errors.size() == 1) {
      FieldError only = errors.get(0);
      return only.field() + ": " + only.detail();
    }
    return errors.size() + " fields are invalid; see errors";
  }
}
