package io.biotrack.gateway.results;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The file name a download is saved under, from the job's name ("Serra da Canastra, May" → {@code
 * Serra da Canastra, May.csv}), and the {@code Content-Disposition} header that carries it.
 *
 * <p>A job's name is free text, so it is made safe to be a file name on every system before it goes
 * into a header: characters Windows, macOS or Linux refuse or read as paths ({@code / \ : * ? " < >
 * |}), control and text-direction characters become {@code _}; leading and trailing dots and spaces
 * go (a name of dots is a path on some systems); it is cut to 120 characters. A job without a
 * usable name gets {@code biotrack-{jobId}}. The header gives an ASCII {@code filename} for old
 * clients and the exact name as RFC 6266's {@code filename*} (UTF-8, percent-encoded).
 */
public final class DownloadNames {
  static final int MAX_LENGTH = 120;

  private DownloadNames() {}

  /** The base name (no extension) for the job's downloads. */
  public static String base(String jobName, String jobId) {
    String name = Normalizer.normalize(jobName == null ? "" : jobName, Normalizer.Form.NFC);
    StringBuilder safe = new StringBuilder();
    name.codePoints().forEach(c -> safe.appendCodePoint(unsafe(c) ? '_' : c));
    String cleaned = safe.toString().replaceAll("\\s+", " ");
    cleaned = cleaned.replaceAll("^[ .]+|[ .]+$", "");
    if (cleaned.codePointCount(0, cleaned.length()) > MAX_LENGTH) {
      cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_LENGTH)).strip();
    }
    return cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '_')
        ? "biotrack-" + jobId
        : cleaned;
  }

  /** {@code attachment; filename="…"; filename*=UTF-8''…} for {@code base + suffix}. */
  public static String attachment(String base, String suffix) {
    return disposition("attachment", base + suffix);
  }

  /** As {@link #attachment}, shown by the browser where it can. */
  public static String inline(String base, String suffix) {
    return disposition("inline", base + suffix);
  }

  private static String disposition(String type, String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName
        .codePoints()
        .forEach(
            c ->
                ascii.append(
                    c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '%' ? '_' : (char) c));
    String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static boolean unsafe(int c) {
    return c < 0x20
        || c == 0x7f
        || (c >= 0x80 && c < 0xa0)
        || "/\\:*?\"<>|".indexOf(c) >= 0
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }
}
