package io.biotrack.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.files.RegisteredFile;
import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.manifest.ManifestStore;
import io.biotrack.shard.ShardNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.testing.Azurite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security review found that nothing deleted old jobs (only BioJobs had a TTL): every tenant's
 * photos stayed forever. A finished job is now deleted whole once its retention period has passed —
 * in both storage modes, driven by a clock.
 */
class RetentionSweeperIT {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  @TempDir Path tmp;
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private StorageSettings settings(String kind) {
    return kind.equals("azure") ? Azurite.settings() : StorageSettings.local(tmp.resolve("data"));
  }

  /**
   * A job with a registered, uploaded, frozen file and some results, ended (or not) at {@code at}.
   */
  private Job job(StorageAdapters storage, JobStatus end, Instant at) {
    now.set(at.minusSeconds(60));
    String id = JobIds.system().next();
    storage
        .jobStore()
        .create(Job.newPending(id, "acme", "old season", 1, JobOptions.DEFAULTS, clock.instant()));
    storage.fileRegistry().register(id, List.of(RegisteredFile.of("cam1/a.jpg", 3L)));
    storage
        .blobStore()
        .put(BlobContainer.UPLOADS, BlobNames.upload(id, "cam1/a.jpg"), new byte[] {1, 2, 3});
    String manifestId = "m" + id.substring(0, 8);
    new ManifestStore(storage.blobStore()).freezeUploads(id, manifestId);
    storage
        .jobStore()
        .transition(
            "acme",
            id,
            JobStatus.PENDING,
            JobStatus.QUEUED,
            null,
            clock,
            j -> j.withManifest(manifestId, 1, clock.instant()));
    storage
        .jobStore()
        .transition(
            "acme", id, JobStatus.QUEUED, JobStatus.LAUNCHING, null, clock, j -> j.withAttempt(1));
    storage
        .jobStore()
        .transition("acme", id, JobStatus.LAUNCHING, JobStatus.PROCESSING, null, clock, j -> j);
    storage.blobStore().put(BlobContainer.RESULTS, ShardNames.results(id, 0), "{}".getBytes());
    if (end != JobStatus.PROCESSING) {
      now.set(at);
      storage.blobStore().put(BlobContainer.RESULTS, BlobNames.results(id), "{}".getBytes());
      storage.jobStore().transition("acme", id, JobStatus.PROCESSING, end, null, clock, j -> j);
    }
    return storage.jobStore().get("acme", id);
  }

  private RetentionSweeper sweeper(StorageAdapters storage, Duration retention) {
    JobService jobs =
        new JobService(
            storage.jobStore(),
            storage.blobStore(),
            storage.fileRegistry(),
            storage.repeatDecisions(),
            storage.urlSigner(),
            JobIds.system(),
            clock,
            new JobLimits(100, 1000),
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            new GatewayMetrics(new SimpleMeterRegistry()));
    return new RetentionSweeper(new JobScan(storage.jobStore()), jobs, clock, retention);
  }

  private static boolean anythingLeft(StorageAdapters storage, String id) {
    return storage.jobStore().findById(id).isPresent()
        || !storage.blobStore().list(BlobContainer.UPLOADS, BlobNames.jobPrefix(id)).isEmpty()
        || !storage.blobStore().list(BlobContainer.RESULTS, BlobNames.jobPrefix(id)).isEmpty()
        || !storage.fileRegistry().list(id, null, 10).files().isEmpty()
        || !storage.repeatDecisions().decisions(id).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "azure"})
  void aJobEndedLongerAgoThanTheRetentionIsDeletedWhole(String kind) {
    try (StorageAdapters storage = StorageAdapters.open(settings(kind))) {
      Job expired = job(storage, JobStatus.COMPLETED, T0);
      storage
          .repeatDecisions()
          .decide(expired.id(), "0123456789abcdef", io.biotrack.results.RepeatDecision.CONFIRMED);
      Job cancelled =
          job(storage, JobStatus.CANCELLED, T0.plus(Duration.ofDays(1)).plusSeconds(10));
      Job recent = job(storage, JobStatus.FAILED, T0.plus(Duration.ofDays(20)));
      Job running = job(storage, JobStatus.PROCESSING, T0);
      assertThat(anythingLeft(storage, expired.id())).isTrue();

      now.set(T0.plus(Duration.ofDays(31)).plusSeconds(1));
      int deleted = sweeper(storage, Duration.ofDays(30)).sweep();

      assertThat(deleted).isGreaterThanOrEqualTo(1);
      assertThat(anythingLeft(storage, expired.id()))
          .as("record, registry, uploads, manifest, results, repeat decisions")
          .isFalse();
      assertThat(storage.jobStore().findById(cancelled.id()))
          .as("ended less than 30 days before")
          .isPresent();
      assertThat(storage.jobStore().findById(recent.id())).isPresent();
      assertThat(storage.jobStore().findById(running.id()))
          .as("a running job is never expired")
          .isPresent();

      now.set(T0.plus(Duration.ofDays(60)));
      sweeper(storage, Duration.ofDays(30)).sweep();
      assertThat(anythingLeft(storage, cancelled.id())).isFalse();
      assertThat(anythingLeft(storage, recent.id())).isFalse();
      assertThat(storage.jobStore().findById(running.id())).isPresent();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local"})
  void aRetentionOfZeroKeepsEverything(String kind) {
    try (StorageAdapters storage = StorageAdapters.open(settings(kind))) {
      Job old = job(storage, JobStatus.COMPLETED, T0);
      now.set(T0.plus(Duration.ofDays(3650)));
      assertThat(sweeper(storage, Duration.ZERO).sweep()).isZero();
      assertThat(anythingLeft(storage, old.id())).isTrue();
    }
  }
}
