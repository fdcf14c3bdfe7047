package io.biotrack.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code biotrack.gateway.*} in application.yaml, each fed by a {@code BIOTRACK_*} environment
 * variable there (docs/configuration.md lists them). The {@code @param} texts are plain on purpose:
 * spring-boot-configuration-processor turns them into the descriptions IDEs show, and
 * ConfigurationMetadataIT checks that each names its variable and that the defaults agree with
 * application.yaml and the docs.
 *
 * @param maxFiles Files per job, at most 1,000,000 (BIOTRACK_MAX_FILES).
 * @param maxFileSize Bytes per uploaded file, with a KB, MB or GB suffix (BIOTRACK_MAX_FILE_SIZE).
 * @param uploadUrlTtl How long upload URLs work, at most 7 days (BIOTRACK_UPLOAD_URL_TTL).
 * @param resultsUrlTtl How long a results download link works (BIOTRACK_RESULTS_URL_TTL).
 * @param apiKeys API keys as tenant:sha256hex entries separated by commas, the SHA-256 of each key
 *     rather than the key (BIOTRACK_API_KEYS).
 * @param anonymousTenant The tenant of requests without a key while no key is configured; empty to
 *     always require a key. Only allowed while the server listens on loopback. Set by the profile:
 *     "local" in embedded mode, empty on azure.
 * @param startUploadWait How long a start waits for uploads of the job still in progress before it
 *     answers 409; the manifest it freezes holds only finished uploads
 *     (BIOTRACK_START_UPLOAD_WAIT).
 * @param retention How long a finished job (its record, files, manifest, uploads and results) is
 *     kept before it is deleted; 0 keeps every job (BIOTRACK_RETENTION).
 * @param sweeper The sweeper: re-sends the queue message of jobs stuck in QUEUED.
 */
@ConfigurationProperties("biotrack.gateway")
public record GatewayProperties(
    @DefaultValue("100000") int maxFiles,
    @DefaultValue("50MB") DataSize maxFileSize,
    @DefaultValue("2h") Duration uploadUrlTtl,
    @DefaultValue("15m") Duration resultsUrlTtl,
    @DefaultValue("") String apiKeys,
    @DefaultValue("") String anonymousTenant,
    @DefaultValue("10s") Duration startUploadWait,
    @DefaultValue("30d") Duration retention,
    @DefaultValue Sweeper sweeper) {

  /**
   * @param enabled Whether this gateway runs the sweeper; off for a second, read-only replica
   *     (BIOTRACK_SWEEPER_ENABLED).
   * @param interval How often the gateway looks for jobs stuck in QUEUED and for finished jobs, for
   *     the metrics (BIOTRACK_SWEEP_INTERVAL).
   * @param stuckAfter A job QUEUED this long gets its queue message again (BIOTRACK_REQUEUE_AFTER).
   */
  public record Sweeper(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("30s") Duration interval,
      @DefaultValue("2m") Duration stuckAfter) {}
}
