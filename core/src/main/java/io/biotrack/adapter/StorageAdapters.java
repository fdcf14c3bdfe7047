package io.biotrack.adapter;

import io.biotrack.adapter.azure.AccountKeyUrlSigner;
import io.biotrack.adapter.azure.AzureBlobStore;
import io.biotrack.adapter.azure.AzureJobQueue;
import io.biotrack.adapter.azure.AzureStorageClients;
import io.biotrack.adapter.azure.JobAccess;
import io.biotrack.adapter.azure.JobScopedBlobStore;
import io.biotrack.adapter.azure.TableFileRegistry;
import io.biotrack.adapter.azure.TableJobStore;
import io.biotrack.adapter.azure.TableRepeatDecisionStore;
import io.biotrack.adapter.azure.UserDelegationUrlSigner;
import io.biotrack.adapter.local.DataDirectory;
import io.biotrack.adapter.local.FileBlobStore;
import io.biotrack.adapter.local.H2Database;
import io.biotrack.adapter.local.H2FileRegistry;
import io.biotrack.adapter.local.H2JobQueue;
import io.biotrack.adapter.local.H2JobStore;
import io.biotrack.adapter.local.H2RepeatDecisionStore;
import io.biotrack.adapter.local.LocalUrlSigner;
import io.biotrack.adapter.local.SigningKeyFile;
import io.biotrack.config.SettingsException;
import io.biotrack.files.FileRegistry;
import io.biotrack.job.JobStore;
import io.biotrack.queue.JobQueue;
import io.biotrack.results.RepeatDecisionStore;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.UrlSigner;
import java.io.Closeable;
import java.time.Clock;

/**
 * The storage ports for one {@link StorageSettings}: the only place that picks adapters.
 *
 * <pre>{@code
 * try (StorageAdapters storage = StorageAdapters.open(StorageSettings.fromEnvironment())) {
 *   JobStore jobs = storage.jobStore();
 *   ...
 * }
 * }</pre>
 *
 * In local mode {@link #urlSigner()} is a {@link LocalUrlSigner}; the gateway casts to it to verify
 * signed requests.
 */
public final class StorageAdapters implements Closeable {
  private final StorageSettings settings;
  private final JobStore jobStore;
  private final BlobStore blobStore;
  private final JobQueue jobQueue;
  private final UrlSigner urlSigner;
  private final FileRegistry fileRegistry;
  private final RepeatDecisionStore repeatDecisions;
  private final AutoCloseable resources;

  private StorageAdapters(
      StorageSettings settings,
      JobStore jobStore,
      BlobStore blobStore,
      JobQueue jobQueue,
      UrlSigner urlSigner,
      FileRegistry fileRegistry,
      RepeatDecisionStore repeatDecisions,
      AutoCloseable resources) {
    this.settings = settings;
    this.jobStore = jobStore;
    this.blobStore = blobStore;
    this.jobQueue = jobQueue;
    this.urlSigner = urlSigner;
    this.fileRegistry = fileRegistry;
    this.repeatDecisions = repeatDecisions;
    this.resources = resources;
  }

  public static StorageAdapters open(StorageSettings settings) {
    return open(settings, Clock.systemUTC());
  }

  /** Opens the database or clients; tables, containers and queues are created if missing. */
  public static StorageAdapters open(StorageSettings settings, Clock clock) {
    return switch (settings.kind()) {
      case LOCAL -> openLocal(settings, clock);
      case AZURE -> openAzure(settings, clock);
    };
  }

  /**
   * Only the blob store, as a worker uses it: a worker reads its shard's files and writes its
   * shard's outputs, and reaches no job record, queue or database.
   */
  public static BlobStore openBlobs(StorageSettings settings) {
    return openBlobs(settings, Clock.systemUTC());
  }

  /**
   * {@link #openBlobs(StorageSettings)} with {@code clock} telling whether job-scoped credentials
   * expired.
   */
  public static BlobStore openBlobs(StorageSettings settings, Clock clock) {
    return switch (settings.kind()) {
      case LOCAL -> new FileBlobStore(settings.dataDir().resolve("blobs"), settings::containerName);
      case AZURE -> {
        if (settings.jobScoped()) {
          JobAccess access = settings.jobAccess();
          checkNotExpired(access, clock);
          yield new JobScopedBlobStore(access);
        }
        AzureStorageClients clients = AzureStorageClients.of(settings);
        yield new AzureBlobStore(clients.blobs(), clients.blobsAsync(), settings::containerName);
      }
    };
  }

  private static void checkNotExpired(JobAccess access, Clock clock) {
    if (!access.expiresAt().isAfter(clock.instant())) {
      throw new SettingsException(
          java.util.List.of(
              StorageSettings.JOB_ACCESS
                  + " expired at "
                  + access.expiresAt()
                  + "; the operator issues new credentials with the next attempt"));
    }
  }

  private static StorageAdapters openLocal(StorageSettings settings, Clock clock) {
    DataDirectory.prepare(settings.dataDir());
    H2Database database = H2Database.open(settings.dataDir());
    return new StorageAdapters(
        settings,
        new H2JobStore(database),
        new FileBlobStore(settings.dataDir().resolve("blobs"), settings::containerName),
        new H2JobQueue(database, settings.queue(), settings.maxDequeue(), clock),
        new LocalUrlSigner(
            SigningKeyFile.loadOrCreate(settings.dataDir()), settings.publicUrl(), clock),
        new H2FileRegistry(database),
        new H2RepeatDecisionStore(database),
        database);
  }

  private static StorageAdapters openAzure(StorageSettings settings, Clock clock) {
    if (settings.jobScoped()) {
      // What a worker gets: its shard's blobs and nothing else (no job table, queue or signer).
      throw new SettingsException(
          java.util.List.of(
              StorageSettings.JOB_ACCESS
                  + " holds credentials for one shard's blobs only: open"
                  + " them with StorageAdapters.openBlobs"));
    }
    AzureStorageClients clients = AzureStorageClients.of(settings);
    UrlSigner signer =
        clients.sharedKey()
            ? new AccountKeyUrlSigner(clients.blobs(), settings::containerName, clock)
            : UserDelegationUrlSigner.of(clients.blobs(), settings::containerName, clock);
    return new StorageAdapters(
        settings,
        new TableJobStore(clients.tables().getTableClient(settings.table())),
        new AzureBlobStore(clients.blobs(), clients.blobsAsync(), settings::containerName),
        new AzureJobQueue(
            clients.queues().getQueueClient(settings.queue()),
            clients.queues().getQueueClient(settings.poisonQueue()),
            settings.maxDequeue()),
        signer,
        new TableFileRegistry(clients.tables().getTableClient(settings.filesTable())),
        new TableRepeatDecisionStore(clients.tables().getTableClient(settings.repeatsTable())),
        () -> {}); // the SDK clients hold no resources of their own to release
  }

  public StorageSettings settings() {
    return settings;
  }

  public JobStore jobStore() {
    return jobStore;
  }

  public BlobStore blobStore() {
    return blobStore;
  }

  public FileRegistry fileRegistry() {
    return fileRegistry;
  }

  public RepeatDecisionStore repeatDecisions() {
    return repeatDecisions;
  }

  public JobQueue jobQueue() {
    return jobQueue;
  }

  public UrlSigner urlSigner() {
    return urlSigner;
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close the storage adapters", e);
    }
  }
}
