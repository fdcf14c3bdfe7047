package io.biotrack.files;

public class InvalidFileNameException extends IllegalArgumentException {
  private final String reason;

  public InvalidFileNameException(String name, String reason) {
    super("file name " + quote(name) + " " + reason);
    this.reason = reason;
  }

  /** What is wrong, without the name (which may be long or hold odd characters). */
  public String reason() {
    return reason;
  }

  private static String quote(String name) {
    if (name == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder("'");
    int shown = Math.min(name.length(), 120);
    for (int i = 0; i < shown; i++) {
      char c = name.charAt(i);
      // Escaped, so the message itself cannot be reordered or broken by what it quotes.
      boolean hidden = Character.isISOControl(c) || FileNames.isBidiControl(c);
      out.append(hidden ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.append(name.length() > shown ? "…'" : "'").toString();
  }
}
