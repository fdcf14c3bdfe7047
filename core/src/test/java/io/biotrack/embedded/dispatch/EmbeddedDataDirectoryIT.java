package io.biotrack.embedded.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.local.H2Database;
import io.biotrack.adapter.local.H2DispatchRecordStore;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.dispatch.JobLimits;
import io.biotrack.embedded.launch.LocalLauncherSettings;
import io.biotrack.embedded.launch.LocalProcessLauncher;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.WorkerResources;
import io.biotrack.queue.JobMessage;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.testing.FakeJobWorker;
import io.biotrack.testing.FileModes;
import io.biotrack.testing.StartedJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security review found the embedded data directory readable by every user: the database
 * ({@code biotrack.mv.db}, 0644: every tenant's records), its lock file (0644: the server key),
 * uploads, results and worker logs. Here one job goes through the local adapters, the dispatcher
 * and a worker child process, as in embedded mode, and then nothing in the data directory may be
 * open to the group or other users, whatever the umask of the JVM that runs the test.
 */
class EmbeddedDataDirectoryIT {
  static final String TENANT = "local";

  @TempDir Path temp;
  Path data;
  final Clock clock = Clock.systemUTC();

  @BeforeEach
  void paths() {
    data = temp.resolve("data"); // not there yet: Biotrack makes it (@TempDir itself is 0700)
    assumeThat(FileModes.supported(temp)).as("POSIX file modes").isTrue();
  }

  @Test
  void afterAJobNothingInTheDataDirectoryIsOpenToOtherUsers() throws Exception {
    StorageSettings settings = StorageSettings.local(data);
    String id;
    try (StorageAdapters storage = StorageAdapters.open(settings);
        H2Database dispatchDatabase = H2Database.open(data)) {
      id = StartedJobs.queued(storage.jobStore(), storage.blobStore(), TENANT, 2, 2000, clock).id();
      storage
          .urlSigner()
          .downloadUrl(BlobContainer.RESULTS, BlobNames.results(id), Duration.ofMinutes(5));
      storage.jobQueue().send(JobMessage.of(id, TENANT));

      try (LocalDispatcher dispatcher = dispatcher(storage, settings, dispatchDatabase)) {
        dispatcher.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> storage.jobStore().get(TENANT, id).status() == JobStatus.COMPLETED);
      }
      assertThat(storage.blobStore().exists(BlobContainer.RESULTS, BlobNames.results(id)))
          .as("the worker child process wrote the results")
          .isTrue();
    }
    assertThat(data.resolve("workers/logs/biotrack-" + id + "-0-1.log")).isRegularFile();

    List<String> open = FileModes.openToOthers(data);
    assertThat(open).as("files and folders the group or other users may use").isEmpty();
  }

  @Test
  void anExistingDataDirectoryOpenToOthersIsClosed() throws Exception {
    Files.createDirectories(data);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

    StorageAdapters.open(StorageSettings.local(data)).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
  }

  private LocalDispatcher dispatcher(
      StorageAdapters storage, StorageSettings settings, H2Database dispatchDatabase) {
    Path workers = data.resolve("workers");
    LocalProcessLauncher launcher =
        new LocalProcessLauncher(
            new LocalLauncherSettings(
                FakeJobWorker.command(),
                settings.toEnvironment(),
                workers,
                data.resolve("models"),
                "model.torchscript"));
    return new LocalDispatcher(
        storage.jobStore(),
        storage.blobStore(),
        storage.jobQueue(),
        new H2DispatchRecordStore(dispatchDatabase),
        launcher,
        new DispatchPolicy(
            new DispatchSettings(
                1, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(100))),
        new LocalDispatcherSettings(
            Duration.ofMillis(100),
            8,
            Duration.ofSeconds(1),
            new JobLimits(2, null, Duration.ofMinutes(5)),
            new WorkerResources(2, 1, 0)),
        workers.resolve("dispatcher.lock"),
        clock);
  }
}
