package io.biotrack.worker.job;

/** The worker cannot run with this configuration; another attempt would fail the same way. */
public class BadConfigurationException extends RuntimeException {
  public BadConfigurationException(String message) {
    super(message);
  }

  public BadConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
