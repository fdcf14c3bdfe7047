package io.biotrack.storage;

/**
 * The store cannot keep a blob under this name, whatever its content: the name is another blob's
 * folder or lies inside another blob (a filesystem has no path that is both a file and a folder),
 * or it is longer than the store allows. A client's mistake, not a storage failure; nothing was
 * stored and the other blob is unchanged.
 */
public class BlobNameRefusedException extends RuntimeException {

  /** Why the name was refused. */
  public enum Reason {
    /** The name is a folder of other blobs, or one of its folders is a blob. */
    FOLDER_CONFLICT,
    /** The name, or one of its folder or file names, is longer than the store allows. */
    TOO_LONG
  }

  private final Reason reason;
  private final String name;

  public BlobNameRefusedException(String name, Reason reason, String detail) {
    super("cannot store blob " + name + ": " + detail);
    this.name = name;
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The refused blob name. */
  public String name() {
    return name;
  }
}
