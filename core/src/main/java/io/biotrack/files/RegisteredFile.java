package io.biotrack.files;

/**
 * A file registered for a job: its name, the size the client declared (null if none), and whether
 * its upload is known to have finished.
 */
public record RegisteredFile(String name, Long size, boolean uploaded) {
  public RegisteredFile {
    FileNames.validate(name);
    if (size != null && size < 0) {
      throw new IllegalArgumentException("size cannot be negative");
    }
  }

  public static RegisteredFile of(String name, Long size) {
    return new RegisteredFile(name, size, false);
  }
}
