package io.biotrack.gateway.embedded;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.local.H2Database;
import io.biotrack.adapter.local.H2DispatchRecordStore;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.dispatch.JobLimits;
import io.biotrack.embedded.dispatch.DispatcherLock;
import io.biotrack.embedded.dispatch.LocalDispatcher;
import io.biotrack.embedded.dispatch.LocalDispatcherSettings;
import io.biotrack.embedded.launch.LocalLauncherSettings;
import io.biotrack.embedded.launch.LocalProcessLauncher;
import io.biotrack.files.OwnerOnlyFiles;
import io.biotrack.launch.WorkerResources;
import io.biotrack.model.EmbeddedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded platform around the gateway: the model the workers run and the local dispatcher,
 * which starts and stops with the gateway (stopping it stops its workers). Workers are child
 * processes that share the data directory; their state lives in {@code {data}/workers/}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded")
@ConditionalOnProperty(
    name = "biotrack.embedded.dispatcher",
    havingValue = "true",
    matchIfMissing = true)
public class EmbeddedPlatformConfiguration {
  /** The longest wait between two attempts. */
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** Messages the dispatcher receives at once. */
  private static final int INTAKE_BATCH = 16;

  /**
   * One platform per data directory, checked before anything opens it: storage takes this lock
   * first ({@code StorageConfiguration}), and the dispatcher adopts it. It names this process and
   * its URL for a second one to say who runs there.
   */
  @Bean(destroyMethod = "close")
  public DispatcherLock dataDirectoryLock(StorageSettings storage) {
    return DispatcherLock.acquire(
        DispatcherLock.fileIn(storage.dataDir()),
        "process " + ProcessHandle.current().pid() + ", serving " + storage.publicUrl());
  }

  @Bean
  public EmbeddedModel embeddedModel(EmbeddedProperties properties, StorageAdapters storage) {
    boolean chosen = !properties.model().isBlank();
    Path location =
        chosen
            ? Path.of(properties.model()).toAbsolutePath().normalize()
            : createDirectories(storage.settings().dataDir().resolve("models"));
    return EmbeddedModel.choose(
        location,
        chosen,
        Path.of(properties.testModel()).toAbsolutePath().normalize(),
        properties.defaultModel().isBlank() ? null : properties.defaultModel());
  }

  /** The dispatcher's own handle on the local database (the same database as the job table). */
  @Bean(destroyMethod = "close")
  public H2Database dispatchDatabase(StorageAdapters storage) {
    return H2Database.open(storage.settings().dataDir());
  }

  @Bean(destroyMethod = "close")
  public LocalDispatcher localDispatcher(
      EmbeddedProperties properties,
      StorageAdapters storage,
      H2Database dispatchDatabase,
      EmbeddedModel model,
      DispatcherLock dataDirectoryLock,
      Clock clock) {
    int cores = Runtime.getRuntime().availableProcessors();
    Path workers = storage.settings().dataDir().resolve("workers");
    LocalProcessLauncher launcher =
        new LocalProcessLauncher(
            new LocalLauncherSettings(
                WorkerCommand.of(properties),
                storage.settings().toEnvironment(),
                workers,
                model.modelDir(),
                model.name()));
    DispatchPolicy policy =
        new DispatchPolicy(
            new DispatchSettings(
                properties.effectiveWorkers(cores),
                properties.retryBackoff(),
                properties.retryBackoff().compareTo(MAX_BACKOFF) > 0
                    ? properties.retryBackoff()
                    : MAX_BACKOFF,
                properties.interval()));
    LocalDispatcherSettings settings =
        new LocalDispatcherSettings(
            properties.interval(),
            INTAKE_BATCH,
            properties.intakeVisibility(),
            new JobLimits(
                properties.maxAttempts(), properties.jobDeadline(), properties.finishedTtl()),
            new WorkerResources(properties.effectiveWorkerThreads(cores), 2, 0));
    LocalDispatcher dispatcher =
        new LocalDispatcher(
            storage.jobStore(),
            storage.blobStore(),
            storage.jobQueue(),
            new H2DispatchRecordStore(dispatchDatabase),
            launcher,
            policy,
            settings,
            dataDirectoryLock.file(),
            clock);
    // Taken while the context is built, before storage opened the database, not when the
    // dispatcher starts (after the web server): a second ./biotrack up on the same folder is
    // refused for that, and named, even on the same port, without touching the database.
    dispatcher.adopt(dataDirectoryLock);
    return dispatcher;
  }

  @Bean
  DispatcherLifecycle dispatcherLifecycle(LocalDispatcher dispatcher) {
    return new DispatcherLifecycle(dispatcher);
  }

  @Bean
  public EmbeddedPlatform embeddedPlatform(
      EmbeddedProperties properties,
      StorageAdapters storage,
      EmbeddedModel model,
      LocalDispatcher dispatcher) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new EmbeddedPlatform(
        model, dispatcher, properties.effectiveWorkerThreads(cores), storage.settings().dataDir());
  }

  @Bean
  public StartupReport startupReport(EmbeddedPlatform platform) {
    return new StartupReport(platform);
  }

  private static Path createDirectories(Path dir) {
    try {
      return OwnerOnlyFiles.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
