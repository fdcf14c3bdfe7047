package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import io.biotrack.storage.BlobContainer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * User-delegation SAS for production: signed with a key that Microsoft Entra ID issues to the
 * service's own identity ({@code DefaultAzureCredential}), so no account key exists anywhere. HTTPS
 * only.
 *
 * <p>The delegation key is fetched once and reused until a SAS would outlive it; it is valid for
 * {@link #KEY_LIFETIME}, longer than any SAS ({@link #MAX_TTL}).
 */
public final class UserDelegationUrlSigner extends SasUrlSigner {
  static final Duration KEY_LIFETIME = MAX_TTL.plusHours(1);

  /** Fetches a delegation key valid from {@code start} to {@code expiry}. */
  @FunctionalInterface
  public interface KeySource {
    UserDelegationKey fetch(OffsetDateTime start, OffsetDateTime expiry);
  }

  private final KeySource keys;
  private UserDelegationKey key;

  public UserDelegationUrlSigner(
      BlobServiceClient service,
      Function<BlobContainer, String> names,
      KeySource keys,
      Clock clock) {
    super(service, names, clock);
    this.keys = keys;
  }

  /** Keys from the Blob service (the identity needs Storage Blob Data Contributor or Delegator). */
  public static UserDelegationUrlSigner of(
      BlobServiceClient service, Function<BlobContainer, String> names, Clock clock) {
    return new UserDelegationUrlSigner(service, names, service::getUserDelegationKey, clock);
  }

  @Override
  String sign(BlobClient blob, BlobServiceSasSignatureValues values, Instant now) {
    return blob.generateUserDelegationSas(
        values, keyValidUntil(now, values.getExpiryTime().toInstant()));
  }

  @Override
  SasProtocol protocol() {
    return SasProtocol.HTTPS_ONLY;
  }

  private synchronized UserDelegationKey keyValidUntil(Instant now, Instant expiresAt) {
    if (key == null || !key.getSignedExpiry().toInstant().isAfter(expiresAt)) {
      // Starts a little in the past: this host's clock and Azure's may differ.
      OffsetDateTime start = now.minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC);
      key = keys.fetch(start, now.plus(KEY_LIFETIME).atOffset(ZoneOffset.UTC));
    }
    return key;
  }
}
