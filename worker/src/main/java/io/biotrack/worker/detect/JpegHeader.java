package io.biotrack.worker.detect;

import io.biotrack.image.ExifOrientation;

/**
 * What PIL learns from a JPEG's markers before decoding: the frame's size and component count (1 →
 * mode L, 3 → RGB, 4 → CMYK) and the orientation in the first {@code Exif} APP1 segment. Reads
 * marker segments only, up to the first scan.
 *
 * @param frameMarker the frame header's marker (SOF0 0xC0 baseline, 0xC2 progressive, ...)
 */
public record JpegHeader(int width, int height, int components, int orientation, int frameMarker) {
  private static final byte[] EXIF = {'E', 'x', 'i', 'f', 0, 0};

  public static boolean matches(byte[] data) {
    return data.length >= 3
        && (data[0] & 0xFF) == 0xFF
        && (data[1] & 0xFF) == 0xD8
        && (data[2] & 0xFF) == 0xFF;
  }

  /**
   * @throws ImageAccessException when no frame header comes before the first scan
   */
  public static JpegHeader parse(byte[] data) throws ImageAccessException {
    int orientation = ExifOrientation.NONE;
    boolean exifSeen = false;
    int pos = 2;
    while (pos + 4 <= data.length) {
      if ((data[pos] & 0xFF) != 0xFF) {
        throw new ImageAccessException("corrupt JPEG marker at byte " + pos);
      }
      int marker = data[pos + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        pos++;
        continue;
      }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
        pos += 2; // markers without a length
        continue;
      }
      if (marker == 0xD9 || marker == 0xDA) {
        break; // end of image or start of scan before any frame header
      }
      int length = (data[pos + 2] & 0xFF) << 8 | (data[pos + 3] & 0xFF);
      int body = pos + 4;
      int bodyLength = length - 2;
      if (length < 2 || body + bodyLength > data.length) {
        break;
      }
      if (marker == 0xE1 && !exifSeen && startsWith(data, body, bodyLength, EXIF)) {
        exifSeen = true;
        orientation = ExifOrientation.read(data, body + EXIF.length, bodyLength - EXIF.length);
      }
      if (isFrameHeader(marker) && bodyLength >= 6) {
        int height = (data[body + 1] & 0xFF) << 8 | (data[body + 2] & 0xFF);
        int width = (data[body + 3] & 0xFF) << 8 | (data[body + 4] & 0xFF);
        int components = data[body + 5] & 0xFF;
        return new JpegHeader(width, height, components, orientation, marker);
      }
      pos = body + bodyLength;
    }
    throw new ImageAccessException("JPEG without a frame header");
  }

  /**
   * Whether the image comes in one scan, top to bottom (baseline or extended sequential Huffman or
   * arithmetic): the JDK's reader then hands out each line once; a progressive file's lines come
   * again with every pass.
   */
  public boolean sequential() {
    return frameMarker == 0xC0 || frameMarker == 0xC1 || frameMarker == 0xC9;
  }

  private static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static boolean startsWith(byte[] data, int at, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
