package io.biotrack.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured API keys: SHA-256 hashes of the keys, each mapped to a tenant. The keys themselves
 * are never stored or logged.
 *
 * <p>Written as {@code tenant:sha256hex} entries separated by commas or white space, e.g. {@code
 * BIOTRACK_API_KEYS="acme:9f86d0…,lab2:2c26b4…"}. Several keys may map to one tenant (rotation).
 */
public final class ApiKeys {
  /** A tenant is an Azure Table partition key and a label value: keep it plain. */
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

  private record Entry(String tenant, byte[] hash) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static ApiKeys none() {
    return new ApiKeys(List.of());
  }

  /**
   * @throws IllegalArgumentException naming the bad entry's position (never its content)
   */
  public static ApiKeys parse(String spec) {
    List<Entry> entries = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return none();
    }
    String[] parts = spec.trim().split("[,\\s]+");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      int colon = part.lastIndexOf(':');
      String where = "API key entry " + (i + 1) + " of " + parts.length;
      if (colon < 0) {
        throw new IllegalArgumentException(where + " is not tenant:sha256hex");
      }
      String tenant = part.substring(0, colon);
      String hash = part.substring(colon + 1);
      if (!isValidTenant(tenant)) {
        throw new IllegalArgumentException(
            where + ": the tenant must be 1-63 letters, digits, '-' or '_'");
      }
      if (!HASH.matcher(hash).matches()) {
        throw new IllegalArgumentException(
            where + ": the hash must be 64 hex digits (the SHA-256 of the key)");
      }
      entries.add(new Entry(tenant, HexFormat.of().parseHex(hash.toLowerCase())));
    }
    return new ApiKeys(entries);
  }

  public static boolean isValidTenant(String tenant) {
    return tenant != null && TENANT.matcher(tenant).matches();
  }

  /**
   * The tenant of a presented key. Compares the key's hash with every configured hash in constant
   * time and without stopping at a match, so timing tells nothing about which entry matched.
   */
  public Optional<String> tenantOf(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(presentedKey);
    String found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash, hash) && found == null) {
        found = entry.tenant;
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public Set<String> tenants() {
    Set<String> tenants = new LinkedHashSet<>();
    entries.forEach(e -> tenants.add(e.tenant));
    return tenants;
  }

  /** The hash to configure for a key: lower-case hex SHA-256 of its UTF-8 bytes. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeys[" + entries.size() + " keys for tenants " + tenants() + "]";
  }
}
