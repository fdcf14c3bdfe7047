package io.biotrack.files;

import java.nio.charset.StandardCharsets;

/**
 * The one check for user-supplied file names (upload names, names inside a job's folder).
 *
 * <p>Relative folders are kept ({@code cam1/IMG_0001.JPG}); anything that could escape the job's
 * folder, hide a character, or differ between operating systems is refused.
 */
public final class FileNames {
  public static final int MAX_BYTES = 1024;

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
        throw new InvalidFileNameException(name, "has an empty folder name ('//' or a trailing '/')");
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw new InvalidFileNameException(name, "contains '" + segment + "'");
      }
    }
    return name;
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
