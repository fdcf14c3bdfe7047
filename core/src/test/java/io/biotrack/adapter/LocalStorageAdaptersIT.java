package io.biotrack.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.local.LocalUrlSigner;
import io.biotrack.adapter.local.SigningKeyFile;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.queue.JobMessage;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.SignedUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageAdaptersIT {
  @TempDir Path dataDir;

  private StorageAdapters open() {
    return StorageAdapters.open(
        StorageSettings.fromEnvironment(
            Map.of("BIOTRACK_STORAGE", "local", "BIOTRACK_DATA_DIR", dataDir.toString())::get));
  }

  @Test
  void dataSurvivesARestartInTheDataDirectory() throws Exception {
    String id = JobIds.system().next();
    String blob = BlobNames.upload(id, "cam1/a.jpg");
    SignedUrl before;
    try (StorageAdapters storage = open()) {
      storage
          .jobStore()
          .create(Job.newPending(id, "t", "n", 1, JobOptions.DEFAULTS, Instant.now()));
      storage.blobStore().put(BlobContainer.UPLOADS, blob, new byte[] {1, 2, 3});
      storage.jobQueue().send(JobMessage.of(id, "t"));
      before = storage.urlSigner().uploadUrl(BlobContainer.UPLOADS, blob, Duration.ofMinutes(5));
    }
    try (StorageAdapters storage = open()) {
      assertThat(storage.jobStore().find("t", id)).isPresent();
      assertThat(storage.blobStore().exists(BlobContainer.UPLOADS, blob)).isTrue();
      assertThat(storage.jobQueue().receive(1, Duration.ofSeconds(30)))
          .singleElement()
          .satisfies(m -> assertThat(m.jobMessage().jobId()).isEqualTo(id));
      LocalUrlSigner signer = (LocalUrlSigner) storage.urlSigner();
      Map<String, String> query = new java.util.HashMap<>();
      for (String pair : before.url().getRawQuery().split("&")) {
        query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      assertThat(
              signer
                  .verify(
                      BlobContainer.UPLOADS, blob, io.biotrack.storage.BlobPermission.UPLOAD, query)
                  .valid())
          .as("the signing key is kept across restarts")
          .isTrue();
    }
    assertThat(dataDir.resolve("db/biotrack.mv.db")).isRegularFile();
    assertThat(dataDir.resolve("blobs/uploads/" + blob)).isRegularFile();
  }

  @Test
  void theSigningKeyIsReadableByItsOwnerOnly() throws Exception {
    try (StorageAdapters storage = open()) {
      Path key = dataDir.resolve(SigningKeyFile.FILE_NAME);
      assertThat(Files.getPosixFilePermissions(key))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.size(key)).isEqualTo(32);
      assertThat(SigningKeyFile.loadOrCreate(dataDir)).isEqualTo(Files.readAllBytes(key));
    }
  }

  @Test
  void twoOpenInstancesShareTheDatabase() {
    String id = JobIds.system().next();
    try (StorageAdapters first = open();
        StorageAdapters second = open()) {
      first.jobStore().create(Job.newPending(id, "t", "n", 1, JobOptions.DEFAULTS, Instant.now()));
      assertThat(second.jobStore().find("t", id)).isPresent();
    }
  }
}
