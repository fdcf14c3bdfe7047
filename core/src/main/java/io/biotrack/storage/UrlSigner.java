package io.biotrack.storage;

import java.time.Duration;

/**
 * Issues per-blob, expiring URLs: an Azure SAS in the cloud, an HMAC-signed gateway URL in embedded
 * mode.
 */
public interface UrlSigner {

  /** Create/write on this one blob only, no read or list. */
  SignedUrl uploadUrl(BlobContainer container, String name, Duration ttl);

  /** Read this one blob only. */
  SignedUrl downloadUrl(BlobContainer container, String name, Duration ttl);
}
