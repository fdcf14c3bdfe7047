package io.biotrack.storage;

/**
 * A blob was replaced since its tag was taken: a conditional read found another version (or no blob
 * at all). A job reads each file with the tag frozen in its manifest, so a file replaced after the
 * job started is reported, never processed in its new form.
 */
public class BlobChangedException extends RuntimeException {
  public BlobChangedException(BlobContainer container, String name) {
    super(name + " in " + container.defaultName() + " changed since its tag was taken");
  }
}
