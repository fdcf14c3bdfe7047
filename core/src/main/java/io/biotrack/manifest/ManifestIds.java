package io.biotrack.manifest;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids of manifests: 16 random hex digits, unique among a job's freezes. */
public final class ManifestIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ManifestIds() {}

  public static String next() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
