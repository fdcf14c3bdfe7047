package io.biotrack.species;

/** A classifier folder Biotrack cannot use; the message says which file and what to do. */
public final class InvalidClassifierException extends RuntimeException {
  public InvalidClassifierException(String message) {
    super(message);
  }

  public InvalidClassifierException(String message, Throwable cause) {
    super(message, cause);
  }
}
