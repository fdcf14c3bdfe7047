package io.biotrack.adapter.azure;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.contract.JobQueueContract;
import io.biotrack.queue.JobQueue;
import io.biotrack.testing.Azurite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class AzureJobQueueContractIT extends JobQueueContract {
  private final List<StorageAdapters> opened = new ArrayList<>();

  /** A fresh queue pair per test: Azurite queues are cheap and this keeps tests independent. */
  @Override
  protected JobQueue newQueue(int maxDequeue) {
    StorageAdapters storage = StorageAdapters.open(Azurite.settings().withMaxDequeue(maxDequeue));
    opened.add(storage);
    return storage.jobQueue();
  }

  @AfterEach
  void close() {
    opened.forEach(StorageAdapters::close);
  }
}
