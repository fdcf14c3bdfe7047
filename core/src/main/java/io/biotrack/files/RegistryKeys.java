package io.biotrack.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The keys every {@link FileRegistry} adapter stores entries under: SHA-256 of the kind and the
 * name, in hex. Fixed length whatever the name (an Azure row key holds at most 512 characters and
 * none of {@code / \ # ?}), and the same in every adapter, so pages list alike everywhere.
 */
public final class RegistryKeys {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

  private RegistryKeys() {}

  public static String file(String name) {
    return hash("file:" + name);
  }

  public static String folder(String path) {
    return hash("folder:" + path);
  }

  /**
   * @throws IllegalArgumentException when {@code cursor} is not a key
   */
  public static String checkCursor(String cursor) {
    if (cursor != null && !KEY.matcher(cursor).matches()) {
      throw new IllegalArgumentException("cursor '" + cursor + "' is not valid");
    }
    return cursor;
  }

  /** The folders of {@code name}: {@code a/b/c.jpg} → {@code a}, {@code a/b}. */
  public static java.util.List<String> foldersOf(String name) {
    java.util.List<String> folders = new java.util.ArrayList<>();
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      folders.add(name.substring(0, slash));
    }
    return folders;
  }

  private static String hash(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
