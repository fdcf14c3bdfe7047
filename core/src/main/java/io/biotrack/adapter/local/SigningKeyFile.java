package io.biotrack.adapter.local;

import io.biotrack.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The URL-signing key of embedded mode: 32 random bytes in {@code {dataDir}/url-signing.key},
 * readable by its owner only, created on first use and kept across restarts (URLs handed out before
 * a restart stay valid until they expire).
 */
public final class SigningKeyFile {
  public static final String FILE_NAME = "url-signing.key";
  private static final int KEY_BYTES = 32;

  private SigningKeyFile() {}

  public static byte[] loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        // If another process won the race, its key is the one read below.
        OwnerOnlyFiles.createOnce(file, key);
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length < KEY_BYTES) {
        throw new IllegalStateException(
            file
                + " holds "
                + key.length
                + " bytes, a signing key needs "
                + KEY_BYTES
                + "; delete it to make a new one (URLs already handed out stop working)");
      }
      OwnerOnlyFiles.restrict(file);
      return key;
    } catch (IOException e) {
      throw new LocalStorageException("cannot read or create the signing key " + file, e);
    }
  }
}
