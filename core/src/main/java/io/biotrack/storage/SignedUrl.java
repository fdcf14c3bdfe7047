package io.biotrack.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A short-lived URL for one blob.
 *
 * @param method the HTTP method to use with it ("PUT" to upload, "GET" to download)
 * @param headers headers the request must carry (e.g. {@code x-ms-blob-type: BlockBlob})
 */
public record SignedUrl(URI url, String method, Map<String, String> headers, Instant expiresAt) {
  public SignedUrl {
    headers = Map.copyOf(headers);
  }
}
