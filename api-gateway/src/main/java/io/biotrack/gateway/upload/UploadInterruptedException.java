package io.biotrack.gateway.upload;

/** The request body broke off before its end (client gone, malformed chunking); nothing stored. */
public class UploadInterruptedException extends RuntimeException {
  public UploadInterruptedException(String name, Throwable cause) {
    super("the upload of '" + name + "' broke off before its end; nothing was stored", cause);
  }
}
