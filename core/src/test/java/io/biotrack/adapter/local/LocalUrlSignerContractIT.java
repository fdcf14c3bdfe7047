package io.biotrack.adapter.local;

import io.biotrack.contract.UrlSignerContract;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** HMAC-signed gateway URLs, honoured by the embedded gateway's two signed routes. */
class LocalUrlSignerContractIT extends UrlSignerContract {
  @TempDir static Path dataDir;
  private static FileBlobStore blobs;
  private static SignedUrlTestGateway gateway;
  private static byte[] key;

  @BeforeAll
  static void start() throws IOException {
    key = SigningKeyFile.loadOrCreate(dataDir);
    blobs = new FileBlobStore(dataDir.resolve("blobs"), BlobContainer::defaultName);
    gateway =
        new SignedUrlTestGateway(
            blobs, () -> new LocalUrlSigner(key, URI.create("http://x"), Clock.systemUTC()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Override
  protected UrlSigner signer(Clock clock) {
    return new LocalUrlSigner(key, gateway.baseUrl(), clock);
  }

  @Override
  protected BlobStore blobs() {
    return blobs;
  }

  @Override
  protected URI listUrl(SignedUrl signed, String jobId) {
    return gateway
        .baseUrl()
        .resolve("/api/v1/jobs/" + jobId + "/files?" + signed.url().getRawQuery());
  }

  @Override
  protected URI widenedToRead(URI upload) {
    return URI.create(upload.toString().replace("perm=upload", "perm=download"));
  }

  @Override
  protected URI retargeted(SignedUrl signed, String otherName) {
    String jobId = otherName.substring(0, otherName.indexOf('/'));
    String file = otherName.substring(jobId.length() + 1);
    String route = file.equals("results.json") ? "/results" : "/files/" + file;
    return gateway
        .baseUrl()
        .resolve("/api/v1/jobs/" + jobId + route + "?" + signed.url().getRawQuery());
  }
}
