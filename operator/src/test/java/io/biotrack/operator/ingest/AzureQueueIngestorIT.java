package io.biotrack.operator.ingest;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.testing.Azurite;
import java.nio.file.Path;
import java.time.Duration;

/** The ingestor with Azure Storage Queue and Tables, on Azurite. */
class AzureQueueIngestorIT extends QueueIngestorContract {
  @Override
  StorageSettings settings(Path dataDir) {
    return Azurite.settings();
  }

  @Override
  Duration visibility() {
    return Duration.ofSeconds(1); // Azure's smallest
  }
}
