package io.biotrack.gateway.auth;

/** No usable credential: no API key, an unknown key, or a bad or expired URL signature. */
public class UnauthenticatedException extends RuntimeException {
  public UnauthenticatedException(String reason) {
    super(reason);
  }
}
