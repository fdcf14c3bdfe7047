package io.biotrack.gateway.config;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageKind;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.adapter.local.LocalUrlSigner;
import io.biotrack.embedded.dispatch.DispatcherLock;
import io.biotrack.files.FileRegistry;
import io.biotrack.job.JobStore;
import io.biotrack.queue.JobQueue;
import io.biotrack.results.RepeatDecisionStore;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.UrlSigner;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The storage ports from core's {@link StorageAdapters}, configured by the same {@code BIOTRACK_*}
 * variables as the worker and the operator. Spring's environment is the source, so the variables
 * can also be set in application.yaml or on the command line. The profile decides the kind: {@code
 * embedded} → local, {@code azure} → Azure.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

  @Bean
  public StorageSettings storageSettings(Environment environment) {
    StorageKind kind = profileKind(environment);
    String configured = environment.getProperty(StorageSettings.STORAGE);
    if (configured != null
        && !configured.isBlank()
        && !configured.strip().equalsIgnoreCase(kind.name())) {
      throw new IllegalStateException(
          StorageSettings.STORAGE
              + "="
              + configured
              + " contradicts the active profile, which"
              + " uses "
              + kind.name().toLowerCase(Locale.ROOT)
              + " storage");
    }
    StorageSettings settings =
        StorageSettings.fromEnvironment(
            name ->
                name.equals(StorageSettings.STORAGE)
                    ? kind.name().toLowerCase(Locale.ROOT)
                    : environment.getProperty(name));
    log.info("storage: {}", settings);
    return settings;
  }

  /**
   * @param dataDirectoryLock the embedded platform's lock on its data directory, taken first when
   *     there is one: a second platform on the same directory is refused, naming the running one,
   *     before it opens the database (which H2's file lock would refuse less helpfully)
   */
  @Bean(destroyMethod = "close")
  public StorageAdapters storageAdapters(
      StorageSettings settings, ObjectProvider<DispatcherLock> dataDirectoryLock) {
    dataDirectoryLock.getIfAvailable(); // taken now, before the database opens
    return StorageAdapters.open(settings);
  }

  @Bean
  public JobStore jobStore(StorageAdapters storage) {
    return storage.jobStore();
  }

  @Bean
  public BlobStore blobStore(StorageAdapters storage) {
    return storage.blobStore();
  }

  @Bean
  public FileRegistry fileRegistry(StorageAdapters storage) {
    return storage.fileRegistry();
  }

  @Bean
  public RepeatDecisionStore repeatDecisionStore(StorageAdapters storage) {
    return storage.repeatDecisions();
  }

  @Bean
  public JobQueue jobQueue(StorageAdapters storage) {
    return storage.jobQueue();
  }

  @Bean
  public UrlSigner urlSigner(StorageAdapters storage) {
    return storage.urlSigner();
  }

  /** Embedded mode's signer, which also verifies the signed URLs it issued; null on Azure. */
  static LocalUrlSigner localSigner(UrlSigner signer) {
    return signer instanceof LocalUrlSigner local ? local : null;
  }

  private static StorageKind profileKind(Environment environment) {
    boolean azure = environment.acceptsProfiles(Profiles.of("azure"));
    boolean embedded = environment.acceptsProfiles(Profiles.of("embedded"));
    if (azure && embedded) {
      throw new IllegalStateException(
          "activate either the embedded or the azure profile, not both");
    }
    if (!azure && !embedded) {
      throw new IllegalStateException("activate the embedded or the azure profile");
    }
    return azure ? StorageKind.AZURE : StorageKind.LOCAL;
  }
}
