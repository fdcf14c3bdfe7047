package io.biotrack.operator.ingest;

import io.biotrack.adapter.StorageSettings;
import java.nio.file.Path;
import java.time.Duration;

/** The ingestor with the embedded (H2) queue and job store. */
class LocalQueueIngestorIT extends QueueIngestorContract {
  @Override
  StorageSettings settings(Path dataDir) {
    return StorageSettings.local(dataDir);
  }

  @Override
  Duration visibility() {
    return Duration.ofMillis(100);
  }
}
