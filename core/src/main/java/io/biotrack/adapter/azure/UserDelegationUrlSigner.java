package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.common.sas.SasProtocol;
import io.biotrack.files.FileNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobPermission;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * User-delegation SAS for production: signed with a key that Azure AD issues to the service's
 * own identity ({@code DefaultAzureCredential}), so no account key exists anywhere. HTTPS only.
 *
 * <p>The delegation key is fetched once and reused until shortly before it expires (it is valid
 * for {@link #KEY_LIFETIME}); a SAS never outlives the key that signed it.
 */
public final class UserDelegationUrlSigner implements UrlSigner {
  static final Duration KEY_LIFETIME = Duration.ofHours(25);

  /** Fetches a delegation key valid from {@code start} to {@code expiry}. */
  @FunctionalInterface
  public interface KeySource {
    UserDelegationKey fetch(OffsetDateTime start, OffsetDateTime expiry);
  }

  private final BlobServiceClient service;
  private final Function<BlobContainer, String> names;
  private final KeySource keys;
  private final Clock clock;
  private UserDelegationKey key;

  public UserDelegationUrlSigner(
      BlobServiceClient service,
      Function<BlobContainer, String> names,
      KeySource keys,
      Clock clock) {
    this.service = service;
    this.names = names;
    this.keys = keys;
    this.clock = clock;
  }

  /** Keys from the Blob service itself (needs the Storage Blob Delegator role or better). */
  public static UserDelegationUrlSigner of(
      BlobServiceClient service, Function<BlobContainer, String> names, Clock clock) {
    return new UserDelegationUrlSigner(service, names, service::getUserDelegationKey, clock);
  }

  @Override
  public SignedUrl uploadUrl(BlobContainer container, String name, Duration ttl) {
    return sign(container, name, BlobPermission.UPLOAD, ttl);
  }

  @Override
  public SignedUrl downloadUrl(BlobContainer container, String name, Duration ttl) {
    return sign(container, name, BlobPermission.DOWNLOAD, ttl);
  }

  private SignedUrl sign(
      BlobContainer container, String name, BlobPermission permission, Duration ttl) {
    SasPolicy.checkTtl(ttl);
    BlobClient blob =
        service.getBlobContainerClient(names.apply(container)).getBlobClient(FileNames.validate(name));
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    String sas =
        blob.generateUserDelegationSas(
            SasPolicy.values(permission, expiresAt, SasProtocol.HTTPS_ONLY), keyValidUntil(now, expiresAt));
    return SignedBlobUrls.of(blob.getBlobUrl(), sas, permission, expiresAt);
  }

  private synchronized UserDelegationKey keyValidUntil(Instant now, Instant expiresAt) {
    if (key == null || !key.getSignedExpiry().toInstant().isAfter(expiresAt)) {
      // Started a little in the past: clocks of this host and Azure may differ.
      OffsetDateTime start = now.minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC);
      key = keys.fetch(start, now.plus(KEY_LIFETIME).atOffset(ZoneOffset.UTC));
    }
    return key;
  }
}
