package io.biotrack.adapter.azure;

import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import io.biotrack.storage.BlobPermission;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The least privilege each signed URL gets, for both SAS kinds: one blob ({@code sr=b}),
 * create + write for an upload, read for a download, never list or delete, short expiry.
 */
final class SasPolicy {
  static final Duration MAX_TTL = Duration.ofHours(24);

  private SasPolicy() {}

  static BlobSasPermission permissions(BlobPermission permission) {
    return switch (permission) {
      case UPLOAD -> new BlobSasPermission().setCreatePermission(true).setWritePermission(true);
      case DOWNLOAD -> new BlobSasPermission().setReadPermission(true);
    };
  }

  static BlobServiceSasSignatureValues values(
      BlobPermission permission, Instant expiresAt, SasProtocol protocol) {
    return new BlobServiceSasSignatureValues(
            expiresAt.atOffset(ZoneOffset.UTC), permissions(permission))
        .setProtocol(protocol);
  }

  static void checkTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most " + MAX_TTL);
    }
  }
}
