package io.biotrack.adapter.azure;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.contract.FileRegistryContract;
import io.biotrack.files.FileRegistry;
import io.biotrack.testing.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzureFileRegistryContractIT extends FileRegistryContract {
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
  protected FileRegistry registry() {
    return storage.fileRegistry();
  }
}
