package io.biotrack.model;

/** No usable model file where one was expected, or one that fails its checksum. */
public class InvalidModelException extends RuntimeException {
  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
