package io.biotrack.gateway.auth;

/** A page of another site tried to change something on this keyless gateway (403). */
public class CrossSiteRequestException extends RuntimeException {
  public CrossSiteRequestException(String message) {
    super(message);
  }
}
