package io.biotrack.worker.detect;

/**
 * An image that cannot be opened, identified or decoded, or that MegaDetector refuses (mode, size):
 * recorded as {@code "image access failure"}, never fatal to a run.
 */
public class ImageAccessException extends Exception {
  public ImageAccessException(String message) {
    super(message);
  }

  public ImageAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
