package io.biotrack.adapter.azure;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.contract.UrlSignerContract;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.SignedUrl;
import io.biotrack.storage.UrlSigner;
import io.biotrack.testing.Azurite;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Account-key SAS on Azurite: the real storage service decides what each SAS may do. */
class AzureUrlSignerContractIT extends UrlSignerContract {
  private static StorageSettings settings;
  private static StorageAdapters storage;
  private static AzureStorageClients clients;

  @BeforeAll
  static void open() {
    settings = Azurite.settings();
    storage = StorageAdapters.open(settings);
    clients = AzureStorageClients.of(settings);
  }

  @AfterAll
  static void close() {
    storage.close();
  }

  @Override
  protected UrlSigner signer(Clock clock) {
    return new AccountKeyUrlSigner(clients.blobs(), settings::containerName, clock);
  }

  @Override
  protected BlobStore blobs() {
    return storage.blobStore();
  }

  /** List Blobs on the container, with the SAS query of a per-blob URL. */
  @Override
  protected URI listUrl(SignedUrl signed, String jobId) {
    return URI.create(
        containerUrl(signed)
            + "?restype=container&comp=list&prefix="
            + jobId
            + "/&"
            + signed.url().getRawQuery());
  }

  @Override
  protected URI widenedToRead(URI upload) {
    return URI.create(upload.toString().replace("sp=cw", "sp=rcw"));
  }

  @Override
  protected URI retargeted(SignedUrl signed, String otherName) {
    return URI.create(containerUrl(signed) + "/" + otherName + "?" + signed.url().getRawQuery());
  }

  /** {@code http://host:port/account/container} of a blob URL (Azurite's path-style URLs). */
  private static String containerUrl(SignedUrl signed) {
    URI uri = signed.url();
    String[] parts = uri.getRawPath().split("/");
    return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + parts[1] + "/" + parts[2];
  }
}
