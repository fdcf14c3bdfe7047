package io.biotrack.adapter.local;

import io.biotrack.contract.JobQueueContract;
import io.biotrack.queue.JobQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class LocalJobQueueContractIT extends JobQueueContract {
  private static final AtomicInteger QUEUES = new AtomicInteger();
  @TempDir static Path dataDir;
  private static H2Database database;

  @BeforeAll
  static void open() {
    database = H2Database.open(dataDir);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  /** Queues share the database and are kept apart by name, like queues in one account. */
  @Override
  protected JobQueue newQueue(int maxDequeue) {
    return new H2JobQueue(database, "q-" + QUEUES.incrementAndGet(), maxDequeue, Clock.systemUTC());
  }
}
