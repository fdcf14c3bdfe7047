package io.biotrack.storage;

public class BlobNotFoundException extends RuntimeException {
  public BlobNotFoundException(BlobContainer container, String name) {
    super("no blob " + name + " in " + container.defaultName());
  }
}
