package io.biotrack.files;

import java.util.Comparator;

/**
 * The one order of file names: Python's string order, by code point, as MegaDetector sorts its
 * results (not Java's UTF-16 order, which differs for characters outside the Basic Multilingual
 * Plane). Results files, manifests and listings all use it.
 */
public final class FileOrder {
  public static final Comparator<String> CODE_POINTS = FileOrder::compare;

  private FileOrder() {}

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
