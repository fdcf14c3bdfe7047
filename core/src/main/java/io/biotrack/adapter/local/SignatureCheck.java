package io.biotrack.adapter.local;

/** The answer of {@link LocalUrlSigner#verify}: valid, or refused with a reason to log. */
public record SignatureCheck(boolean valid, String reason) {
  private static final SignatureCheck VALID = new SignatureCheck(true, null);

  public static SignatureCheck ok() {
    return VALID;
  }

  public static SignatureCheck refused(String reason) {
    return new SignatureCheck(false, reason);
  }
}
