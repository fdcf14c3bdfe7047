package io.biotrack.gateway.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Command-line helpers for API keys. The key is read from standard input, never from the command
 * line (where other users could see it in the process list).
 */
public final class KeyCommands {
  private KeyCommands() {}

  /** {@code hash-key}: prints the SHA-256 (hex) of the key on standard input's first line. */
  public static int hashKey(InputStream in, PrintStream out, PrintStream err) throws IOException {
    String key = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    if (key == null || key.isBlank()) {
      err.println("usage: printf '%s' \"$KEY\" | biotrack hash-key");
      return 2;
    }
    out.println(ApiKeys.hash(key.strip()));
    return 0;
  }

  /** {@code new-key TENANT}: a random key, and the BIOTRACK_API_KEYS entry for it. */
  public static int newKey(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || !ApiKeys.isValidTenant(args[0])) {
      err.println("usage: biotrack new-key TENANT   (TENANT: letters, digits, '-', '_')");
      return 2;
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String key = "bt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    out.println("key (give it to the client; it is not stored anywhere): " + key);
    out.println("BIOTRACK_API_KEYS entry: " + args[0] + ":" + ApiKeys.hash(key));
    return 0;
  }
}
