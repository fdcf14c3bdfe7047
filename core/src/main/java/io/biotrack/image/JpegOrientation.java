package io.biotrack.image;

import java.nio.charset.StandardCharsets;

/**
 * The EXIF orientation of a JPEG, from its first bytes: the value in the first APP1 {@code Exif}
 * segment, as PIL reads it; {@link ExifOrientation#NONE} for anything else.
 */
final class JpegOrientation {
  private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

  private JpegOrientation() {}

  static int of(byte[] head) {
    if (head.length < 4 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xFF) != 0xD8) {
      return ExifOrientation.NONE;
    }
    int pos = 2;
    while (pos + 4 <= head.length) {
      if ((head[pos] & 0xFF) != 0xFF) {
        return ExifOrientation.NONE;
      }
      int marker = head[pos + 1] & 0xFF;
      if (marker == 0xFF) {
        pos++; // fill byte
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        return ExifOrientation.NONE; // the pixels start: no EXIF
      }
      int length = ((head[pos + 2] & 0xFF) << 8) | (head[pos + 3] & 0xFF);
      if (marker == 0xE1 && length >= 2 + EXIF.length && isExif(head, pos + 4)) {
        return ExifOrientation.read(head, pos + 4 + EXIF.length, length - 2 - EXIF.length);
      }
      pos += 2 + length;
    }
    return ExifOrientation.NONE;
  }

  private static boolean isExif(byte[] head, int at) {
    if (at + EXIF.length > head.length) {
      return false;
    }
    for (int i = 0; i < EXIF.length; i++) {
      if (head[at + i] != EXIF[i]) {
        return false;
      }
    }
    return true;
  }
}
