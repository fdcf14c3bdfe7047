package io.biotrack.embedded.dispatch;

import java.nio.file.Path;

/**
 * Another embedded dispatcher holds the data directory's lock: a second {@code ./biotrack up} on
 * the same {@code --data}.
 */
public final class DataDirectoryInUseException extends IllegalStateException {
  private final transient Path lockFile;
  private final String holder;

  /**
   * @param holder what the running one wrote into the lock file ("process 1234, serving
   *     http://127.0.0.1:8080"); null when it wrote nothing readable
   */
  public DataDirectoryInUseException(Path lockFile, String holder) {
    super(
        "another Biotrack dispatcher is running on this data directory ("
            + (holder == null ? "" : holder + "; ")
            + "it holds "
            + lockFile
            + "); stop it first or choose another --data directory");
    this.lockFile = lockFile;
    this.holder = holder;
  }

  public Path lockFile() {
    return lockFile;
  }

  /** Who runs there, as it described itself; null when unknown. */
  public String holder() {
    return holder;
  }
}
