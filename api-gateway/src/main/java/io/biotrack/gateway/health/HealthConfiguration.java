package io.biotrack.gateway.health;

import io.biotrack.job.JobStore;
import io.biotrack.storage.BlobStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {
  /** Bean name "storage": the readiness group includes it as {@code storage}. */
  @Bean
  public StorageHealthIndicator storage(JobStore jobStore, BlobStore blobStore) {
    return new StorageHealthIndicator(jobStore, blobStore);
  }
}
