package io.biotrack.adapter.local;

import io.biotrack.contract.JobStoreContract;
import io.biotrack.job.JobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class LocalJobStoreContractIT extends JobStoreContract {
  @TempDir static Path dataDir;
  private static H2Database database;
  private static H2JobStore store;

  @BeforeAll
  static void open() {
    database = H2Database.open(dataDir);
    store = new H2JobStore(database);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected JobStore store() {
    return store;
  }
}
