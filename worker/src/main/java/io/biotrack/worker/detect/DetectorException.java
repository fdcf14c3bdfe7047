package io.biotrack.worker.detect;

/** The detector cannot be set up: a missing or corrupt model, an engine that does not load. */
public class DetectorException extends RuntimeException {
  public DetectorException(String message) {
    super(message);
  }

  public DetectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
