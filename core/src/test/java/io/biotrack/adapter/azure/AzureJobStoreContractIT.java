package io.biotrack.adapter.azure;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.contract.JobStoreContract;
import io.biotrack.job.JobStore;
import io.biotrack.testing.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzureJobStoreContractIT extends JobStoreContract {
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
  protected JobStore store() {
    return storage.jobStore();
  }
}
