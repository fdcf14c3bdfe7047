package io.biotrack.adapter.azure;

import io.biotrack.storage.BlobPermission;
import io.biotrack.storage.SignedUrl;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** A blob URL plus its SAS, with the method and headers a client must use. */
final class SignedBlobUrls {
  private SignedBlobUrls() {}

  static SignedUrl of(String blobUrl, String sas, BlobPermission permission, Instant expiresAt) {
    URI url = URI.create(blobUrl + "?" + sas);
    return switch (permission) {
      // Put Blob needs the blob type; a single PUT creates a block blob of up to 5000 MiB.
      case UPLOAD -> new SignedUrl(url, "PUT", Map.of("x-ms-blob-type", "BlockBlob"), expiresAt);
      case DOWNLOAD -> new SignedUrl(url, "GET", Map.of(), expiresAt);
    };
  }
}
