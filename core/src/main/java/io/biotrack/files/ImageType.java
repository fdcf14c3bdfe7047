package io.biotrack.files;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats Biotrack accepts, recognised by their magic bytes (an upload's content decides,
 * not its name) and named by their extensions (a name with an image extension of another format,
 * such as {@code .gif}, is refused at registration rather than at its upload).
 */
public enum ImageType {
  JPEG("image/jpeg", new int[] {0xFF, 0xD8, 0xFF}, ".jpg", ".jpeg"),
  PNG("image/png", new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, ".png"),
  TIFF_LITTLE_ENDIAN("image/tiff", new int[] {'I', 'I', 0x2A, 0x00}, ".tif", ".tiff"),
  TIFF_BIG_ENDIAN("image/tiff", new int[] {'M', 'M', 0x00, 0x2A}, ".tif", ".tiff"),
  BMP("image/bmp", new int[] {'B', 'M'}, ".bmp");

  /**
   * WebP's signature: RIFF, 4 bytes of length, then WEBP (-1 matches any byte). Not accepted: the
   * worker cannot decode lossy WebP exactly as MegaDetector (Pillow, libwebp) does — TwelveMonkeys'
   * reader, the JVM's only one, gives other pixel values — and a photo decoded differently can give
   * other detections. Recognised only to say so.
   */
  private static final int[] WEBP = {'R', 'I', 'F', 'F', -1, -1, -1, -1, 'W', 'E', 'B', 'P'};

  /** What to tell a user who sends WebP. */
  public static final String WEBP_REFUSAL =
      "WebP photos are not accepted: Biotrack cannot decode WebP exactly as MegaDetector does;"
          + " convert them to PNG (lossless) or JPEG first";

  /** Enough bytes to tell every type apart. */
  public static final int HEAD_BYTES = 12;

  private final String mediaType;
  private final int[] magic;
  private final List<String> extensions;

  ImageType(String mediaType, int[] magic, String... extensions) {
    this.mediaType = mediaType;
    this.magic = magic;
    this.extensions = List.of(extensions);
  }

  /** Whether some accepted format is named by {@code extension} (lower case, with its dot). */
  public static boolean isAcceptedExtension(String extension) {
    return Arrays.stream(values()).anyMatch(t -> t.extensions.contains(extension));
  }

  /**
   * Why a job refuses a file named with {@code extension} (lower case, with its dot), an image
   * extension of no accepted format: what MegaDetector reads but Biotrack does not, or not exactly
   * as MegaDetector does (WebP), and what to do instead.
   */
  public static String refusalOf(String extension) {
    String format = extension.substring(1).toUpperCase(Locale.ROOT);
    if (".webp".equals(extension)) {
      return "is a WEBP file, which Biotrack cannot decode exactly as MegaDetector does:"
          + " convert it to PNG (lossless) or JPEG first, or leave it out";
    }
    return "is a "
        + format
        + " file, which Biotrack does not read: convert it to JPEG or PNG,"
        + " or leave it out";
  }

  public String mediaType() {
    return mediaType;
  }

  /** The type whose signature {@code head} starts with; empty for anything else. */
  public static Optional<ImageType> sniff(byte[] head) {
    return Arrays.stream(values()).filter(t -> t.matches(head)).findFirst();
  }

  /** The accepted media types, for messages and documentation. */
  public static String acceptedNames() {
    return String.join(", ", acceptedMediaTypes());
  }

  /** The accepted media types, each once, in this enum's order. */
  public static List<String> acceptedMediaTypes() {
    return Arrays.stream(values()).map(ImageType::mediaType).distinct().toList();
  }

  /** True when {@code head} starts like a WebP file. */
  public static boolean isWebP(byte[] head) {
    return matches(WEBP, head);
  }

  private boolean matches(byte[] head) {
    return matches(magic, head);
  }

  private static boolean matches(int[] magic, byte[] head) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (magic[i] >= 0 && (head[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
