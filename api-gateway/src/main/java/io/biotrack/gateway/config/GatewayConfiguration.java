package io.biotrack.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.adapter.StorageAdapters;
import io.biotrack.files.FileRegistry;
import io.biotrack.gateway.api.CreateJobRequestValidator;
import io.biotrack.gateway.auth.ApiKeyAuthenticationFilter;
import io.biotrack.gateway.auth.ApiKeys;
import io.biotrack.gateway.auth.LocalHostNames;
import io.biotrack.gateway.auth.LoopbackHostFilter;
import io.biotrack.gateway.auth.SignedUrlAuthenticator;
import io.biotrack.gateway.error.ProblemMapper;
import io.biotrack.gateway.error.ProblemWebExceptionHandler;
import io.biotrack.gateway.job.JobLimits;
import io.biotrack.gateway.job.JobOutcomeTracker;
import io.biotrack.gateway.job.JobScan;
import io.biotrack.gateway.job.JobService;
import io.biotrack.gateway.job.JobStarter;
import io.biotrack.gateway.job.QueuedJobSweeper;
import io.biotrack.gateway.job.RetentionSweeper;
import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.gateway.results.ImagePages;
import io.biotrack.gateway.results.ResultsService;
import io.biotrack.gateway.upload.UploadGate;
import io.biotrack.gateway.upload.UploadService;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobStore;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.queue.JobQueue;
import io.biotrack.results.RepeatDecisionStore;
import io.biotrack.storage.BlobStore;
import io.biotrack.storage.UrlSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

/** Wires the plain-Java services, auth and error handling. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  public JobIds jobIds() {
    return JobIds.system();
  }

  @Bean
  public JobLimits jobLimits(GatewayProperties properties) {
    if (properties.maxFiles() > JobLimits.MAX_FILES) {
      throw new IllegalStateException(
          "BIOTRACK_MAX_FILES is "
              + properties.maxFiles()
              + "; a job holds at most "
              + JobLimits.MAX_FILES
              + " files");
    }
    return new JobLimits(properties.maxFiles(), properties.maxFileSize().toBytes());
  }

  @Bean
  public ApiKeys apiKeys(GatewayProperties properties) {
    return ApiKeys.parse(properties.apiKeys());
  }

  @Bean
  public AnonymousAccess anonymousAccess(
      GatewayProperties properties, ApiKeys apiKeys, Environment environment) {
    return AnonymousAccess.decide(
        properties.anonymousTenant(), apiKeys, environment.getProperty("server.address"));
  }

  @Bean
  public GatewayMetrics gatewayMetrics(MeterRegistry registry) {
    return new GatewayMetrics(registry);
  }

  @Bean
  public JobScan jobScan(JobStore jobStore) {
    return new JobScan(jobStore);
  }

  @Bean
  public JobService jobService(
      JobStore jobStore,
      BlobStore blobStore,
      FileRegistry fileRegistry,
      RepeatDecisionStore repeatDecisions,
      UrlSigner urlSigner,
      JobIds jobIds,
      Clock clock,
      JobLimits limits,
      GatewayProperties properties,
      GatewayMetrics metrics) {
    return new JobService(
        jobStore,
        blobStore,
        fileRegistry,
        repeatDecisions,
        urlSigner,
        jobIds,
        clock,
        limits,
        properties.uploadUrlTtl(),
        properties.resultsUrlTtl(),
        metrics);
  }

  @Bean
  public JobOutcomeTracker jobOutcomeTracker(
      JobScan scan, JobStore jobStore, GatewayMetrics metrics) {
    return new JobOutcomeTracker(scan, jobStore, metrics);
  }

  @Bean
  public ManifestStore manifestStore(BlobStore blobStore) {
    return new ManifestStore(blobStore);
  }

  @Bean
  public UploadGate uploadGate() {
    return new UploadGate();
  }

  @Bean
  public JobStarter jobStarter(
      JobService jobs,
      JobStore jobStore,
      ManifestStore manifests,
      UploadGate uploadGate,
      JobQueue queue,
      JobLimits limits,
      Clock clock,
      GatewayMetrics metrics,
      JobOutcomeTracker tracker,
      GatewayProperties properties) {
    return new JobStarter(
        jobs,
        jobStore,
        manifests,
        uploadGate,
        queue,
        limits,
        clock,
        metrics,
        tracker,
        properties.startUploadWait());
  }

  @Bean
  public QueuedJobSweeper queuedJobSweeper(
      JobScan scan, JobQueue queue, Clock clock, GatewayProperties properties) {
    return new QueuedJobSweeper(scan, queue, clock, properties.sweeper().stuckAfter());
  }

  @Bean
  public RetentionSweeper retentionSweeper(
      JobScan scan, JobService jobs, Clock clock, GatewayProperties properties) {
    return new RetentionSweeper(scan, jobs, clock, properties.retention());
  }

  @Bean
  public UploadService uploadService(
      JobService jobs,
      BlobStore blobStore,
      JobLimits limits,
      GatewayMetrics metrics,
      UploadGate uploadGate,
      ManifestStore manifests,
      FileRegistry fileRegistry) {
    return new UploadService(jobs, blobStore, limits, metrics, uploadGate, manifests, fileRegistry);
  }

  @Bean
  public ResultsService resultsService(
      JobService jobs, BlobStore blobStore, RepeatDecisionStore repeatDecisions) {
    return new ResultsService(jobs, blobStore, repeatDecisions);
  }

  @Bean
  public io.biotrack.gateway.thumbnail.ThumbnailService thumbnailService(
      JobService jobs, BlobStore blobStore) {
    return new io.biotrack.gateway.thumbnail.ThumbnailService(jobs, blobStore);
  }

  @Bean
  public ImagePages imagePages(JobService jobs, BlobStore blobStore) {
    return new ImagePages(jobs, blobStore);
  }

  /**
   * Embedded mode checks a job's model against the installed ones; in a cluster the model share is
   * the workers' (a name that is not there fails the job with the worker's reason).
   */
  @Bean
  public CreateJobRequestValidator createJobRequestValidator(
      JobLimits limits,
      org.springframework.beans.factory.ObjectProvider<
              io.biotrack.gateway.embedded.EmbeddedPlatform>
          embedded) {
    return new CreateJobRequestValidator(
        limits,
        () -> {
          var platform = embedded.getIfAvailable();
          return platform == null ? null : platform.model().names();
        });
  }

  @Bean
  public ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(
      ApiKeys apiKeys, AnonymousAccess anonymous, UrlSigner urlSigner, JobStore jobStore) {
    return new ApiKeyAuthenticationFilter(
        apiKeys,
        anonymous.tenant().orElse(null),
        new SignedUrlAuthenticator(StorageConfiguration.localSigner(urlSigner), jobStore));
  }

  /**
   * Keyless mode only: refuses other Host names (DNS rebinding) and cross-site writes; with API
   * keys nothing changes. The public URL is the one the signed links name.
   */
  @Bean
  public WebFilter loopbackHostFilter(AnonymousAccess anonymous, StorageAdapters storage) {
    if (anonymous.tenant().isEmpty()) {
      return (exchange, chain) -> chain.filter(exchange);
    }
    return new LoopbackHostFilter(new LocalHostNames(storage.settings().publicUrl()));
  }

  /** Before Spring Boot's own error handler (order -1). */
  @Bean
  @Order(-2)
  public ProblemWebExceptionHandler problemWebExceptionHandler(ObjectMapper objectMapper) {
    return new ProblemWebExceptionHandler(new ProblemMapper(), objectMapper);
  }
}
