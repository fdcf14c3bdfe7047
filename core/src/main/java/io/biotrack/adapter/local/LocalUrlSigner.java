package io.biotrack.adapter.local;

import io.biotrack.files.FileNames;
import io.biotrack.job.JobIds;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobPermission;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Embedded mode's signed URLs: gateway URLs carrying an expiry and an HMAC-SHA256 signature over
 * (permission, container, blob name, expiry), so the gateway can check a request without storing
 * anything.
 *
 * <ul>
 *   <li>upload of {@code uploads/{jobId}/{file}}: {@code {base}/api/v1/jobs/{jobId}/files/{file,
 *       each segment percent-encoded}?expires={epoch seconds}&perm=upload&sig={base64url}}
 *   <li>download of {@code results/{jobId}/results.json}: {@code
 *       {base}/api/v1/jobs/{jobId}/results?expires=…&perm=download&sig=…}
 * </ul>
 *
 * No other blob has a signed URL. The gateway maps the request path back to (container, blob name)
 * and calls {@link #verify}.
 */
public final class LocalUrlSigner implements UrlSigner {
  public static final String EXPIRES = "expires";
  public static final String PERMISSION = "perm";
  public static final String SIGNATURE = "sig";
  private static final String HMAC = "HmacSHA256";
  private static final Duration MAX_TTL = Duration.ofDays(7);

  private final SecretKeySpec key;

  /**
   * A Mac already initialised with the key, never used itself: each signature works on a clone,
   * which skips the provider look-up and key set-up of {@code Mac.getInstance} + {@code init} (a
   * results URL is signed on every status poll of a completed job).
   */
  private final Mac keyedMac;

  private final String baseUrl;
  private final Clock clock;

  /**
   * @param key at least 32 bytes ({@link SigningKeyFile#loadOrCreate})
   * @param baseUrl the gateway's public address, e.g. {@code http://127.0.0.1:8080}
   */
  public LocalUrlSigner(byte[] key, URI baseUrl, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the signing key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), HMAC);
    this.keyedMac = newMac();
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.clock = clock;
  }

  @Override
  public SignedUrl uploadUrl(BlobContainer container, String name, Duration ttl) {
    if (container != BlobContainer.UPLOADS) {
      throw new IllegalArgumentException("upload URLs are only issued for the uploads container");
    }
    String jobId = jobIdOf(name);
    String file = FileNames.validate(name.substring(jobId.length() + 1));
    StringBuilder path = new StringBuilder("/api/v1/jobs/").append(jobId).append("/files");
    for (String segment : file.split("/")) {
      path.append('/').append(encodePathSegment(segment));
    }
    return sign(path.toString(), container, name, BlobPermission.UPLOAD, ttl, "PUT");
  }

  @Override
  public SignedUrl downloadUrl(BlobContainer container, String name, Duration ttl) {
    String jobId = jobIdOf(name);
    if (container != BlobContainer.RESULTS || !name.equals(BlobNames.results(jobId))) {
      throw new IllegalArgumentException(
          "download URLs are only issued for results/{jobId}/" + BlobNames.RESULTS_FILE);
    }
    String path = "/api/v1/jobs/" + jobId + "/results";
    return sign(path, container, name, BlobPermission.DOWNLOAD, ttl, "GET");
  }

  /**
   * Checks a request's query parameters against the blob it addresses.
   *
   * @param query the request's query parameters (first value of each)
   */
  public SignatureCheck verify(
      BlobContainer container, String name, BlobPermission permission, Map<String, String> query) {
    String expiresText = query.get(EXPIRES);
    String perm = query.get(PERMISSION);
    String signature = query.get(SIGNATURE);
    if (expiresText == null || perm == null || signature == null) {
      return SignatureCheck.refused("the URL is not signed (expires, perm and sig are required)");
    }
    if (!perm.equals(permissionText(permission))) {
      return SignatureCheck.refused("the URL does not grant " + permissionText(permission));
    }
    long expires;
    try {
      expires = Long.parseLong(expiresText);
    } catch (NumberFormatException e) {
      return SignatureCheck.refused("expires is not a number");
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return SignatureCheck.refused("the signature is not base64url");
    }
    byte[] expected = mac(payload(permission, container, name, expires));
    if (!MessageDigest.isEqual(given, expected)) {
      return SignatureCheck.refused("the signature does not match");
    }
    if (clock.instant().getEpochSecond() >= expires) {
      return SignatureCheck.refused("the URL expired");
    }
    return SignatureCheck.ok();
  }

  /** RFC 3986 path segment: unreserved characters as they are, every other byte as %XX. */
  public static String encodePathSegment(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private SignedUrl sign(
      String path,
      BlobContainer container,
      String name,
      BlobPermission permission,
      Duration ttl,
      String method) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL);
    }
    Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
    long expires = expiresAt.getEpochSecond();
    String signature =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac(payload(permission, container, name, expires)));
    URI url =
        URI.create(
            baseUrl
                + path
                + "?"
                + EXPIRES
                + "="
                + expires
                + "&"
                + PERMISSION
                + "="
                + permissionText(permission)
                + "&"
                + SIGNATURE
                + "="
                + signature);
    return new SignedUrl(url, method, Map.of(), expiresAt);
  }

  private static String jobIdOf(String name) {
    int slash = name == null ? -1 : name.indexOf('/');
    if (slash <= 0 || !JobIds.isValid(name.substring(0, slash))) {
      throw new IllegalArgumentException("blob name " + name + " is not {jobId}/...");
    }
    return name.substring(0, slash);
  }

  private static String permissionText(BlobPermission permission) {
    return permission.name().toLowerCase(Locale.ROOT);
  }

  /** Version tag first, so a future format can never verify as this one. */
  private static String payload(
      BlobPermission permission, BlobContainer container, String name, long expires) {
    return "v1\n"
        + permissionText(permission)
        + "\n"
        + container.defaultName()
        + "\n"
        + name
        + "\n"
        + expires;
  }

  private byte[] mac(String payload) {
    Mac mac;
    try {
      mac = (Mac) keyedMac.clone();
    } catch (CloneNotSupportedException e) {
      mac = newMac(); // a provider whose Mac cannot be cloned
    }
    return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
