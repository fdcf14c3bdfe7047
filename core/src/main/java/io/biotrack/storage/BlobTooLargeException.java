package io.biotrack.storage;

/** A stream went past its size limit; nothing was stored. */
public class BlobTooLargeException extends RuntimeException {
  private final long limitBytes;

  public BlobTooLargeException(String name, long limitBytes) {
    super(name + " is larger than the limit of " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
