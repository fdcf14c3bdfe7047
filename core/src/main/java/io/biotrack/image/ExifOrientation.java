package io.biotrack.image;

/**
 * Reads EXIF tag 274 (Orientation) from IFD0 of a TIFF-structured EXIF block, the way PIL's {@code
 * _getexif()} yields it to MegaDetector: any malformed structure means "no orientation"
 * (MegaDetector swallows the exception and leaves the image as decoded).
 */
public final class ExifOrientation {
  /** No usable orientation: the image stays as decoded. */
  public static final int NONE = 0;

  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_BYTE = 1;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;

  private ExifOrientation() {}

  /**
   * @param data bytes holding a TIFF header ({@code II*\0} or {@code MM\0*}) at {@code offset}
   * @return the orientation value, or {@link #NONE}
   */
  public static int read(byte[] data, int offset, int length) {
    try {
      return parse(data, offset, length);
    } catch (IndexOutOfBoundsException malformed) {
      return NONE;
    }
  }

  private static int parse(byte[] data, int start, int length) {
    int end = Math.min(data.length, start + length);
    if (end - start < 8) {
      return NONE;
    }
    boolean little;
    if (data[start] == 'I' && data[start + 1] == 'I') {
      little = true;
    } else if (data[start] == 'M' && data[start + 1] == 'M') {
      little = false;
    } else {
      return NONE;
    }
    Reader r = new Reader(data, start, end, little);
    if (r.u16(2) != 42) {
      return NONE;
    }
    long ifd = r.u32(4);
    int entries = r.u16(ifd);
    for (int i = 0; i < entries; i++) {
      long entry = ifd + 2 + 12L * i;
      if (r.u16(entry) != TAG_ORIENTATION) {
        continue;
      }
      int type = r.u16(entry + 2);
      long count = r.u32(entry + 4);
      if (count != 1) {
        return NONE; // PIL yields a tuple, which is no rotation
      }
      return switch (type) {
        case TYPE_SHORT -> r.u16(entry + 8);
        case TYPE_LONG -> (int) Math.min(r.u32(entry + 8), Integer.MAX_VALUE);
        case TYPE_BYTE -> r.u8(entry + 8);
        default -> NONE;
      };
    }
    return NONE;
  }

  /** Bounds-checked reads relative to the TIFF header. */
  private record Reader(byte[] data, int start, int end, boolean little) {
    int u8(long at) {
      return data[index(at, 1)] & 0xFF;
    }

    int u16(long at) {
      int i = index(at, 2);
      int a = data[i] & 0xFF;
      int b = data[i + 1] & 0xFF;
      return little ? a | b << 8 : a << 8 | b;
    }

    long u32(long at) {
      int i = index(at, 4);
      long value = 0;
      for (int k = 0; k < 4; k++) {
        int shift = little ? 8 * k : 8 * (3 - k);
        value |= (long) (data[i + k] & 0xFF) << shift;
      }
      return value;
    }

    private int index(long at, int size) {
      if (at < 0 || start + at + size > end) {
        throw new IndexOutOfBoundsException("EXIF offset " + at + " outside the block");
      }
      return (int) (start + at);
    }
  }
}
