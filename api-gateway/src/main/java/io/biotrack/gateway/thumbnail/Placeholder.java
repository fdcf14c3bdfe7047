package io.biotrack.gateway.thumbnail;

import java.nio.charset.StandardCharsets;

/**
 * What the grid shows for a photo that cannot be decoded (broken, or a type Java cannot read): a
 * grey 4:3 tile that says so, instead of a broken-image icon.
 */
final class Placeholder {
  static final String MEDIA_TYPE = "image/svg+xml";
  static final byte[] SVG =
      ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"240\""
              + " viewBox=\"0 0 320 240\"><rect width=\"320\" height=\"240\" fill=\"#ddd\"/>"
              + "<text x=\"160\" y=\"126\" font-family=\"sans-serif\" font-size=\"20\""
              + " text-anchor=\"middle\" fill=\"#555\">No preview</text></svg>")
          .getBytes(StandardCharsets.UTF_8);

  private Placeholder() {}
}
