package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.common.sas.SasProtocol;
import io.biotrack.files.FileNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobPermission;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Service SAS signed with the account key: for Azurite and development, where a connection
 * string is used. Production signs with a user-delegation key instead ({@link
 * UserDelegationUrlSigner}); Azurite cannot issue those.
 */
public final class AccountKeyUrlSigner implements UrlSigner {
  private final BlobServiceClient service;
  private final Function<BlobContainer, String> names;
  private final Clock clock;

  /** @param service a client built from a connection string holding the account key */
  public AccountKeyUrlSigner(
      BlobServiceClient service, Function<BlobContainer, String> names, Clock clock) {
    this.service = service;
    this.names = names;
    this.clock = clock;
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
    Instant expiresAt = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    // http too: Azurite serves plain http. Production uses UserDelegationUrlSigner (https only).
    String sas = blob.generateSas(SasPolicy.values(permission, expiresAt, SasProtocol.HTTPS_HTTP));
    return SignedBlobUrls.of(blob.getBlobUrl(), sas, permission, expiresAt);
  }
}
