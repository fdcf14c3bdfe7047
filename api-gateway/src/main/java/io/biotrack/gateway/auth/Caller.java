package io.biotrack.gateway.auth;

/**
 * Who is making an API request: a tenant, and how it proved it.
 *
 * @param via an API key, no key (embedded mode on loopback), or a signed URL that grants one upload
 *     or one download
 */
public record Caller(String tenant, Via via) {
  /** The exchange attribute that holds the caller of a request under {@code /api/}. */
  public static final String ATTRIBUTE = Caller.class.getName();

  public enum Via {
    API_KEY,
    ANONYMOUS,
    SIGNED_URL
  }
}
