package io.biotrack.results;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes strings as Python's {@code json.dump(ensure_ascii=True)}: non-ASCII and control
 * characters as {@code \u00e9} with <em>lower-case</em> hex (Jackson's own escaping writes
 * upper-case, which is valid JSON but not byte-identical to MegaDetector's files).
 */
final class PythonJsonEscapes extends CharacterEscapes {
  private final int[] asciiEscapes;

  PythonJsonEscapes() {
    asciiEscapes = standardAsciiEscapesForJSON();
    for (int c = 0; c < 0x20; c++) {
      if (asciiEscapes[c] == ESCAPE_STANDARD) {
        asciiEscapes[c] = ESCAPE_CUSTOM;
      }
    }
    asciiEscapes[0x7f] = ESCAPE_CUSTOM; // DEL is outside Python's printable range too
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return asciiEscapes;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return ch < 0x20 || ch > 0x7e ? new SerializedString(String.format("\\u%04x", ch)) : null;
  }
}
