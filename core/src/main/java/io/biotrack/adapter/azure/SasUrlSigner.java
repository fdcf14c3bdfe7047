package io.biotrack.adapter.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import io.biotrack.files.FileNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobPermission;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;

/**
 * Blob SAS URLs with least privilege, whatever key signs them: one blob ({@code sr=b}), create +
 * write for an upload, read for a download, never list or delete, at most {@link #MAX_TTL}.
 * Subclasses only say how the SAS is signed.
 */
abstract class SasUrlSigner implements UrlSigner {
  static final Duration MAX_TTL = Duration.ofHours(24);

  private final BlobServiceClient service;
  private final Function<BlobContainer, String> names;
  private final Clock clock;

  SasUrlSigner(BlobServiceClient service, Function<BlobContainer, String> names, Clock clock) {
    this.service = service;
    this.names = names;
    this.clock = clock;
  }

  /** Signs {@code values} for {@code blob}; {@code now} is this signer's clock reading. */
  abstract String sign(BlobClient blob, BlobServiceSasSignatureValues values, Instant now);

  /** Plain http is allowed only where the service is plain http (Azurite). */
  abstract SasProtocol protocol();

  @Override
  public SignedUrl uploadUrl(BlobContainer container, String name, Duration ttl) {
    return signedUrl(container, name, BlobPermission.UPLOAD, ttl);
  }

  @Override
  public SignedUrl downloadUrl(BlobContainer container, String name, Duration ttl) {
    return signedUrl(container, name, BlobPermission.DOWNLOAD, ttl);
  }

  static BlobSasPermission permissions(BlobPermission permission) {
    return switch (permission) {
      case UPLOAD -> new BlobSasPermission().setCreatePermission(true).setWritePermission(true);
      case DOWNLOAD -> new BlobSasPermission().setReadPermission(true);
    };
  }

  private SignedUrl signedUrl(
      BlobContainer container, String name, BlobPermission permission, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL);
    }
    BlobClient blob =
        service
            .getBlobContainerClient(names.apply(container))
            .getBlobClient(FileNames.validate(name));
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    BlobServiceSasSignatureValues values =
        new BlobServiceSasSignatureValues(
                expiresAt.atOffset(ZoneOffset.UTC), permissions(permission))
            .setProtocol(protocol());
    URI url = URI.create(blob.getBlobUrl() + "?" + sign(blob, values, now));
    return switch (permission) {
      // Put Blob needs the blob type; one PUT creates a block blob of up to 5,000 MiB.
      case UPLOAD -> new SignedUrl(url, "PUT", Map.of("x-ms-blob-type", "BlockBlob"), expiresAt);
      case DOWNLOAD -> new SignedUrl(url, "GET", Map.of(), expiresAt);
    };
  }
}
