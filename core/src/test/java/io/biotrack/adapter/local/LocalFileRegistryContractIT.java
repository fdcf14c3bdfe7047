package io.biotrack.adapter.local;

import io.biotrack.contract.FileRegistryContract;
import io.biotrack.files.FileRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class LocalFileRegistryContractIT extends FileRegistryContract {
  @TempDir static Path dataDir;
  private static H2Database database;
  private static H2FileRegistry registry;

  @BeforeAll
  static void open() {
    database = H2Database.open(dataDir);
    registry = new H2FileRegistry(database);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Override
  protected FileRegistry registry() {
    return registry;
  }
}
