package io.biotrack.queue;

public class MalformedMessageException extends IllegalArgumentException {
  public MalformedMessageException(String reason) {
    super("malformed job message: " + reason);
  }
}
