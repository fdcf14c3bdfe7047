package io.biotrack.adapter.local;

/** The local database or filesystem failed (disk full, permissions, corrupt file...). */
public class LocalStorageException extends RuntimeException {
  public LocalStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
