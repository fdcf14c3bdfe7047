package io.biotrack.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.config.SettingsException;
import io.biotrack.storage.BlobContainer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {

  private static StorageSettings read(Map<String, String> env) {
    return StorageSettings.fromEnvironment(env::get);
  }

  @Test
  void localNeedsOnlyTheDataDirAndUsesTheContractNames() {
    StorageSettings settings =
        read(Map.of("BIOTRACK_STORAGE", "local", "BIOTRACK_DATA_DIR", "/var/lib/biotrack"));
    assertThat(settings.kind()).isEqualTo(StorageKind.LOCAL);
    assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/biotrack"));
    assertThat(settings.table()).isEqualTo("biotrackjobs");
    assertThat(settings.containerName(BlobContainer.UPLOADS)).isEqualTo("uploads");
    assertThat(settings.containerName(BlobContainer.RESULTS)).isEqualTo("results");
    assertThat(settings.queue()).isEqualTo("biotrack-jobs");
    assertThat(settings.poisonQueue()).isEqualTo("biotrack-jobs-poison");
    assertThat(settings.maxDequeue()).isEqualTo(5);
    assertThat(settings.publicUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void everyNameCanBeChanged() {
    StorageSettings settings =
        read(
            Map.of(
                "BIOTRACK_STORAGE", "AZURE",
                "BIOTRACK_AZURE_CONNECTION_STRING", "UseDevelopmentStorage=true",
                "BIOTRACK_TABLE", "jobs2",
                "BIOTRACK_UPLOADS_CONTAINER", "in-2",
                "BIOTRACK_RESULTS_CONTAINER", "out-2",
                "BIOTRACK_QUEUE", "q-2",
                "BIOTRACK_MAX_DEQUEUE", "3"));
    assertThat(settings.kind()).isEqualTo(StorageKind.AZURE);
    assertThat(settings.table()).isEqualTo("jobs2");
    assertThat(settings.uploadsContainer()).isEqualTo("in-2");
    assertThat(settings.resultsContainer()).isEqualTo("out-2");
    assertThat(settings.poisonQueue()).isEqualTo("q-2-poison");
    assertThat(settings.maxDequeue()).isEqualTo(3);
  }

  @Test
  void azureWithEndpointsUsesTheCredentialChain() {
    StorageSettings settings =
        read(
            Map.of(
                "BIOTRACK_STORAGE", "azure",
                "BIOTRACK_AZURE_BLOB_ENDPOINT", "https://acct.blob.core.windows.net",
                "BIOTRACK_AZURE_QUEUE_ENDPOINT", "https://acct.queue.core.windows.net",
                "BIOTRACK_AZURE_TABLE_ENDPOINT", "https://acct.table.core.windows.net"));
    assertThat(settings.azureConnectionString()).isNull();
    assertThat(settings.blobEndpoint()).hasHost("acct.blob.core.windows.net");
  }

  @Test
  void aMissingKindSaysWhatToSet() {
    assertThatThrownBy(() -> read(Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("BIOTRACK_STORAGE is required: 'local' or 'azure'");
    assertThatThrownBy(() -> read(Map.of("BIOTRACK_STORAGE", "s3")))
        .hasMessageContaining("must be 'local' or 'azure', was 's3'");
  }

  @Test
  void listsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "BIOTRACK_STORAGE", "azure",
                        "BIOTRACK_AZURE_BLOB_ENDPOINT", "ftp://x",
                        "BIOTRACK_TABLE", "bad-table",
                        "BIOTRACK_UPLOADS_CONTAINER", "Uploads",
                        "BIOTRACK_RESULTS_CONTAINER", "x",
                        "BIOTRACK_QUEUE", "a--b",
                        "BIOTRACK_MAX_DEQUEUE", "zero")))
        .isInstanceOfSatisfying(
            SettingsException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(
                        p -> p.startsWith("BIOTRACK_AZURE_BLOB_ENDPOINT must be an http(s) URL"))
                    .anyMatch(p -> p.contains("needs BIOTRACK_AZURE_CONNECTION_STRING"))
                    .anyMatch(p -> p.startsWith("BIOTRACK_TABLE must be"))
                    .anyMatch(p -> p.startsWith("BIOTRACK_UPLOADS_CONTAINER must be"))
                    .anyMatch(p -> p.startsWith("BIOTRACK_RESULTS_CONTAINER must be"))
                    .anyMatch(p -> p.startsWith("BIOTRACK_QUEUE must be"))
                    .anyMatch(
                        p -> p.equals("BIOTRACK_MAX_DEQUEUE must be a whole number, was 'zero'")));
  }

  @Test
  void localWithoutADataDirIsRefused() {
    assertThatThrownBy(() -> read(Map.of("BIOTRACK_STORAGE", "local", "BIOTRACK_MAX_DEQUEUE", "0")))
        .hasMessageContaining("BIOTRACK_DATA_DIR is required when BIOTRACK_STORAGE=local")
        .hasMessageContaining("BIOTRACK_MAX_DEQUEUE must be at least 1");
  }

  @Test
  void blankCountsAsUnset() {
    StorageSettings settings =
        read(
            Map.of(
                "BIOTRACK_STORAGE", " local ",
                "BIOTRACK_DATA_DIR", "/d",
                "BIOTRACK_QUEUE", "  "));
    assertThat(settings.queue()).isEqualTo("biotrack-jobs");
  }

  @Test
  void neverPrintsTheConnectionString() {
    String secret = "AccountKey=c2VjcmV0;";
    StorageSettings settings = StorageSettings.azure("DefaultEndpointsProtocol=http;" + secret);
    assertThat(settings.toString()).doesNotContain("c2VjcmV0").contains("not shown");
  }

  @Test
  void toEnvironmentRoundTripsForChildProcesses() {
    StorageSettings local =
        StorageSettings.local(Path.of("/srv/biotrack"))
            .withNames("jobs7", "in-7", "out-7", "q-7")
            .withMaxDequeue(3)
            .withPublicUrl(URI.create("http://127.0.0.1:9090"));
    assertThat(StorageSettings.fromEnvironment(local.toEnvironment()::get)).isEqualTo(local);

    StorageSettings azure = StorageSettings.azure("UseDevelopmentStorage=true");
    assertThat(StorageSettings.fromEnvironment(azure.toEnvironment()::get)).isEqualTo(azure);

    StorageSettings endpoints =
        read(
            Map.of(
                "BIOTRACK_STORAGE", "azure",
                "BIOTRACK_AZURE_BLOB_ENDPOINT", "https://a.blob.core.windows.net",
                "BIOTRACK_AZURE_QUEUE_ENDPOINT", "https://a.queue.core.windows.net",
                "BIOTRACK_AZURE_TABLE_ENDPOINT", "https://a.table.core.windows.net"));
    assertThat(endpoints.toEnvironment()).doesNotContainKey("BIOTRACK_AZURE_CONNECTION_STRING");
    assertThat(StorageSettings.fromEnvironment(endpoints.toEnvironment()::get))
        .isEqualTo(endpoints);
  }

  @Test
  void containersMustDiffer() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "BIOTRACK_STORAGE", "local",
                        "BIOTRACK_DATA_DIR", "/d",
                        "BIOTRACK_RESULTS_CONTAINER", "uploads")))
        .hasMessageContaining("must differ");
  }
}
