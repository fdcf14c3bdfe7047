package io.biotrack.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code biotrack.gateway.*} in application.yaml, each fed by a {@code BIOTRACK_*} environment
 * variable there (docs/configuration.md lists them).
 *
 * @param maxFiles files per job
 * @param maxFileSize bytes per file
 * @param uploadUrlTtl how long upload URLs stay valid
 * @param resultsUrlTtl how long a results download URL stays valid
 * @param apiKeys {@code tenant:sha256hex} entries (see {@link io.biotrack.gateway.auth.ApiKeys})
 * @param anonymousTenant the tenant of requests without a key when no key is configured; empty to
 *     always require a key. Only allowed while the server listens on loopback.
 * @param startUploadWait how long a start waits for uploads of the job still in progress before
 *     it answers 409 (the manifest it freezes holds only finished uploads)
 * @param retention how long a finished job (its record, files, manifest and results) is kept
 *     before the sweeper deletes it; 0 keeps jobs forever
 * @param sweeper the start sweeper: re-sends messages of jobs stuck in QUEUED
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
   * @param interval how often the sweeper and the outcome tracker run
   * @param stuckAfter a job QUEUED this long gets its message again
   */
  public record Sweeper(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("30s") Duration interval,
      @DefaultValue("2m") Duration stuckAfter) {}
}
