package io.biotrack.adapter.azure;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.contract.RepeatDecisionStoreContract;
import io.biotrack.results.RepeatDecisionStore;
import io.biotrack.testing.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzureRepeatDecisionStoreContractIT extends RepeatDecisionStoreContract {
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
  protected RepeatDecisionStore store() {
    return storage.repeatDecisions();
  }
}
