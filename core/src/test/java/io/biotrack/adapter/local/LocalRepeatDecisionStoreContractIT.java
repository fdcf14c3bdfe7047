package io.biotrack.adapter.local;

import io.biotrack.contract.RepeatDecisionStoreContract;
import io.biotrack.results.RepeatDecisionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class LocalRepeatDecisionStoreContractIT extends RepeatDecisionStoreContract {
  @TempDir static Path dataDir;
  private static H2Database database;
  private static H2RepeatDecisionStore store;

  @BeforeAll
  static void open() {
    database = H2Database.open(dataDir);
    store = new H2RepeatDecisionStore(database);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected RepeatDecisionStore store() {
    return store;
  }
}
