package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.contract.JobStoreContract;
import io.biotrack.job.JobStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

  /**
   * The gateway reads a job's status on its event loop only while this says true: it must turn
   * false when every pooled session is taken, where a look-up would wait for one.
   */
  @Test
  void findsWithoutWaitingOnlyWhileASessionIsFree() throws Exception {
    assertThat(store.findsWithoutWaiting()).isTrue();
    List<Connection> taken = new ArrayList<>();
    try {
      while (database.hasIdleSession()) {
        taken.add(database.connection());
      }
      assertThat(store.findsWithoutWaiting()).isFalse();
      taken.remove(0).close();
      assertThat(store.findsWithoutWaiting()).isTrue();
    } finally {
      for (Connection connection : taken) {
        connection.close();
      }
    }
  }

  @Override
  protected JobStore store() {
    return store;
  }
}
