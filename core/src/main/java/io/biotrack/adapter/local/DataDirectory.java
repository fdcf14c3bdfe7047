package io.biotrack.adapter.local;

import io.biotrack.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded-mode data directory holds every tenant's photos, results and job records, the
 * database password and the URL-signing key: only the user who runs Biotrack may enter it. Made
 * {@code rwx------}; one that exists open to others (made by an older Biotrack, or by {@code mkdir}
 * with a usual umask) is closed, which also shuts others out of everything inside.
 */
public final class DataDirectory {
  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

  private DataDirectory() {}

  /** Creates {@code dataDir} ({@code rwx------}) or takes the group's and others' access away. */
  public static Path prepare(Path dataDir) {
    try {
      if (!Files.isDirectory(dataDir)) {
        return OwnerOnlyFiles.createDirectories(dataDir);
      }
      String before =
          OwnerOnlyFiles.posix(dataDir)
              ? PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))
              : null;
      if (OwnerOnlyFiles.restrict(dataDir)) {
        log.warn(
            "the data directory {} was open to other users ({}); it is now {}: only this user may"
                + " read the photos, results and job records in it",
            dataDir,
            before,
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
      }
      return dataDir;
    } catch (IOException e) {
      throw new LocalStorageException("cannot create or protect the data directory " + dataDir, e);
    }
  }
}
