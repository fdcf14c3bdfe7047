package io.biotrack.worker.detect;

import io.biotrack.image.ExifOrientation;

/**
 * What PIL learns from a PNG's chunks: size, bit depth, colour type (0 grey, 2 RGB, 3 palette, 4
 * grey+alpha, 6 RGBA) and the orientation in an {@code eXIf} chunk, wherever it sits.
 */
public record PngHeader(int width, int height, int bitDepth, int colourType, int orientation) {
  public static final int GREY = 0;
  public static final int RGB = 2;
  public static final int PALETTE = 3;
  public static final int GREY_ALPHA = 4;
  public static final int RGBA = 6;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  public static boolean matches(byte[] data) {
    if (data.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (data[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * @throws ImageAccessException without a valid IHDR chunk
   */
  public static PngHeader parse(byte[] data) throws ImageAccessException {
    int pos = SIGNATURE.length;
    if (pos + 8 + 13 > data.length || !isType(data, pos + 4, "IHDR")) {
      throw new ImageAccessException("PNG without an IHDR chunk");
    }
    int width = readInt(data, pos + 8);
    int height = readInt(data, pos + 12);
    int bitDepth = data[pos + 16] & 0xFF;
    int colourType = data[pos + 17] & 0xFF;
    if (width <= 0 || height <= 0) {
      throw new ImageAccessException("PNG with size " + width + "x" + height);
    }
    int orientation = ExifOrientation.NONE;
    while (pos + 8 <= data.length) {
      long length = readInt(data, pos) & 0xFFFFFFFFL;
      long body = pos + 8L;
      if (body + length > data.length) {
        break; // truncated file: PIL stops reading chunks here too
      }
      if (isType(data, pos + 4, "eXIf")) {
        orientation = ExifOrientation.read(data, (int) body, (int) length);
        break;
      }
      if (isType(data, pos + 4, "IEND")) {
        break;
      }
      pos = (int) (body + length + 4); // skip the CRC
    }
    return new PngHeader(width, height, bitDepth, colourType, orientation);
  }

  private static boolean isType(byte[] data, int at, String type) {
    for (int i = 0; i < 4; i++) {
      if (data[at + i] != type.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int readInt(byte[] data, int at) {
    return (data[at] & 0xFF) << 24
        | (data[at + 1] & 0xFF) << 16
        | (data[at + 2] & 0xFF) << 8
        | (data[at + 3] & 0xFF);
  }
}
