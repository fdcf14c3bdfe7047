package io.biotrack.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database's session pool: what it leaves behind and the state it lends. */
class H2DatabaseSessionsIT {
  @TempDir Path dataDir;

  /** The platform's JVM must be able to exit after close(): no pool thread may stay behind. */
  @Test
  void closeStopsThePoolsThreads() {
    H2Database database = H2Database.open(dataDir);
    database.inTransaction(connection -> connection.createStatement().execute("SELECT 1"));
    assertThat(poolThreads()).isNotEmpty();

    database.close();

    assertThat(poolThreads()).isEmpty();
  }

  /** A transaction's session goes back in auto-commit, so the pool has nothing to roll back. */
  @Test
  void aSessionComesBackInAutoCommitAfterATransaction() throws Exception {
    try (H2Database database = H2Database.open(dataDir)) {
      database.inTransaction(connection -> connection.createStatement().execute("SELECT 1"));
      try (Connection connection = database.connection()) {
        assertThat(connection.getAutoCommit()).isTrue();
      }
    }
  }

  private static Set<String> poolThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("biotrack-h2"))
        .collect(Collectors.toSet());
  }
}
