package io.biotrack.gateway.auth;

/** The request names a host that this keyless gateway does not answer for (421). */
public class MisdirectedRequestException extends RuntimeException {
  public MisdirectedRequestException(String message) {
    super(message);
  }
}
