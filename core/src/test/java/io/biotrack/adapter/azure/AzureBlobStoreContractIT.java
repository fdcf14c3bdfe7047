package io.biotrack.adapter.azure;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.contract.BlobStoreContract;
import io.biotrack.storage.BlobStore;
import io.biotrack.testing.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzureBlobStoreContractIT extends BlobStoreContract {
  private static StorageAdapters storage;

  @BeforeAll
  static void open() {
    storage = StorageAdapters.open(Azurite.settings());
  }

  @AfterAll
  static void close() {
    storage.close();
  }

  @Override
  protected BlobStore blobs() {
    return storage.blobStore();
  }
}
