package io.biotrack.files;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one check for user-supplied file names (upload names, names inside a job's folder).
 *
 * <p>Relative folders are kept ({@code cam1/IMG_0001.JPG}); anything that could escape the job's
 * folder, hide a character, or differ between operating systems is refused.
 *
 * <p>One name at a time: whether names clash with each other (a file that is also another file's
 * folder) is {@link NameConflicts}'s job.
 */
public final class FileNames {
  public static final int MAX_BYTES = 1024;

  /**
   * Per folder or file name: the limit of ext4, XFS, NTFS and APFS (255 bytes or UTF-16 units), so
   * every name that passes here can be a real file on the embedded platform's disk and on a user's
   * machine when results are matched back to photos.
   */
  public static final int MAX_SEGMENT_BYTES = 255;

  private FileNames() {}

  /**
   * @return {@code name} unchanged when it is acceptable
   * @throws InvalidFileNameException saying what is wrong
   */
  public static String validate(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidFileNameException(name, "is empty");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidFileNameException(name, "is longer than " + MAX_BYTES + " bytes");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidFileNameException(name, "contains a control character");
      }
      if (isBidiControl(c)) {
        throw new InvalidFileNameException(
            name,
            String.format(
                Locale.ROOT,
                "contains the invisible text-direction character U+%04X, which makes the name"
                    + " display differently from what it is; remove it",
                (int) c));
      }
      if (c == '\\') {
        throw new InvalidFileNameException(name, "contains a backslash; use '/' between folders");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < name.length()
              && Character.isLowSurrogate(name.charAt(++i)))) {
        throw new InvalidFileNameException(name, "is not valid Unicode");
      }
    }
    if (name.startsWith("/") || (name.length() >= 2 && name.charAt(1) == ':')) {
      throw new InvalidFileNameException(name, "is an absolute path");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidFileNameException(
            name, "has an empty folder name ('//' or a trailing '/')");
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw new InvalidFileNameException(name, "contains '" + segment + "'");
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw new InvalidFileNameException(
            name,
            "has a folder or file name longer than "
                + MAX_SEGMENT_BYTES
                + " bytes; shorten each part between '/' to at most "
                + MAX_SEGMENT_BYTES
                + " bytes");
      }
    }
    return name;
  }

  /**
   * The Unicode bidirectional formatting characters (embeddings and overrides U+202A–U+202E,
   * isolates U+2066–U+2069) and the marks U+200E, U+200F, U+061C: invisible, they reorder how the
   * rest of a name is displayed ("Trojan Source", CVE-2021-42574).
   */
  static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }

  public static boolean isValid(String name) {
    try {
      validate(name);
      return true;
    } catch (InvalidFileNameException e) {
      return false;
    }
  }
}
