package io.biotrack.adapter.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The URL-signing key of embedded mode: 32 random bytes in {@code {dataDir}/url-signing.key},
 * readable by its owner only, created on first use and kept across restarts (URLs handed out
 * before a restart stay valid until they expire).
 */
public final class SigningKeyFile {
  public static final String FILE_NAME = "url-signing.key";
  private static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SigningKeyFile() {}

  public static byte[] loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        create(dataDir, file);
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length < KEY_BYTES) {
        throw new IllegalStateException(
            file + " holds " + key.length + " bytes, a signing key needs " + KEY_BYTES
                + "; delete it to make a new one (URLs already handed out stop working)");
      }
      if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      return key;
    } catch (IOException e) {
      throw new LocalStorageException("cannot read or create the signing key " + file, e);
    }
  }

  /** Written under a temporary name with 0600, then renamed: no reader sees a partial key. */
  private static void create(Path dataDir, Path file) throws IOException {
    Files.createDirectories(dataDir);
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path temp =
        isPosix(dataDir)
            ? Files.createTempFile(
                dataDir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dataDir, FILE_NAME, ".tmp");
    try {
      Files.write(temp, key);
      // A hard link never replaces an existing file (a rename may): if another process won the
      // race, its key is the one to use.
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException e) {
      // Lost the race; read the winner's key.
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
