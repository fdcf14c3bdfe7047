package io.biotrack.adapter.local;

import io.biotrack.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded database's password: 256 random bits, URL-safe Base64, in {@code
 * {dataDir}/db/password} ({@code rw-------}), made on first open and kept. Every process that opens
 * the database reads it there (the gateway, and its workers, which get the data directory in {@code
 * BIOTRACK_DATA_DIR}), so it never travels in a command line, an environment variable or a log. The
 * password is never part of a message.
 */
final class DatabasePassword {
  static final String FILE_NAME = "password";
  private static final int RANDOM_BYTES = 32;

  private DatabasePassword() {}

  /** The file that holds the password of the database in {@code dbDir}. */
  static Path file(Path dbDir) {
    return dbDir.resolve(FILE_NAME);
  }

  /** Reads the password, first making one if there is none. */
  static String loadOrCreate(Path dbDir) {
    Path file = file(dbDir);
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        // Another process may have made one meanwhile: then that one is read below.
        OwnerOnlyFiles.createOnce(file, Base64.getUrlEncoder().withoutPadding().encode(random));
      }
      OwnerOnlyFiles.restrict(file);
      String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (password.isEmpty()) {
        throw new LocalStorageException(
            file + " is empty; restore it from a backup of the data directory", null);
      }
      return password;
    } catch (IOException e) {
      throw new LocalStorageException(
          "cannot read or create the database password file " + file, e);
    }
  }
}
