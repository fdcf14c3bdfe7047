package io.biotrack.worker.detect;

/** The forward pass failed for one input (written as {@code "inference failure"}). */
public class InferenceException extends Exception {
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
