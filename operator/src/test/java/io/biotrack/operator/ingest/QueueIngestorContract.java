package io.biotrack.operator.ingest;

import static io.biotrack.operator.OperatorHarness.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.adapter.StorageAdapters;
import io.biotrack.adapter.StorageSettings;
import io.biotrack.dispatch.JobIntake;
import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingestor against the mock API server, with a real queue and job store: run for each storage
 * adapter ({@link LocalQueueIngestorIT}, {@link AzureQueueIngestorIT}).
 */
@EnableKubernetesMockClient(crud = true)
abstract class QueueIngestorContract {
  static final int MAX_DEQUEUE = 3;

  /** The adapter's storage settings (unique names per test where storage is shared). */
  abstract StorageSettings settings(Path dataDir);

  /** A visibility timeout the adapter accepts, short enough for fast tests. */
  abstract Duration visibility();

  KubernetesClient client;
  @TempDir Path dataDir;
  StorageAdapters storage;
  JobStore jobs;
  JobQueue queue;
  QueueIngestor ingestor;
  io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  @BeforeEach
  void setUp() {
    OperatorHarness.createCrd(client);
    storage = StorageAdapters.open(settings(dataDir).withMaxDequeue(MAX_DEQUEUE));
    jobs = storage.jobStore();
    queue = storage.jobQueue();
    ingestor =
        new QueueIngestor(
            queue,
            jobs,
            client,
            new BioJobFactory(OperatorHarness.defaults(3, 3600L, 86400L)),
            new IngestSettings(NAMESPACE, 16, visibility(), Duration.ofMillis(50)),
            metrics);
  }

  @AfterEach
  void tearDown() {
    ingestor.close();
    storage.close();
  }

  Job job(JobStatus status) {
    Instant now = Instant.now();
    Job job =
        jobs.create(
            Job.newPending(JobIds.system().next(), "acme", "n", 7, new JobOptions(0.2), now));
    if (status == JobStatus.PENDING) {
      return job;
    }
    Job queued = jobs.compareAndSet(job, job.moveTo(JobStatus.QUEUED, null, now));
    return status == JobStatus.QUEUED
        ? queued
        : jobs.compareAndSet(queued, queued.moveTo(status, "done", now));
  }

  List<BioJob> bioJobs() {
    return client.resources(BioJob.class).inNamespace(NAMESPACE).list().getItems();
  }

  /**
   * Drains (messages left for retry come back after their visibility timeout) until {@code done}.
   */
  void drainUntil(java.util.concurrent.Callable<Boolean> done) {
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              ingestor.drain();
              return done.call();
            });
  }

  /** Nothing left: no message comes back once every visibility timeout has passed. */
  void assertQueueEmpty() {
    await()
        .pollDelay(visibility().multipliedBy(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> queue.fetch(10, visibility()).isEmpty());
  }

  @Test
  void createsOneBioJobWithTheJobsSpecAndDeletesTheMessage() {
    Job job = job(JobStatus.QUEUED);
    queue.send(JobMessage.of(job.id(), job.tenant()));

    assertThat(ingestor.drain()).isEqualTo(1);

    BioJob created =
        client.resources(BioJob.class).inNamespace(NAMESPACE).withName("job-" + job.id()).get();
    assertThat(created.getSpec().jobId()).isEqualTo(job.id());
    assertThat(created.getSpec().tenant()).isEqualTo("acme");
    assertThat(created.getSpec().imageCount()).isEqualTo(7);
    assertThat(created.getSpec().confidenceThreshold()).isEqualTo(0.2);
    assertThat(created.getSpec().launcher()).isEqualTo(Launcher.KUBERNETES);
    assertThat(created.getSpec().maxAttempts()).isEqualTo(3);
    assertThat(created.getSpec().activeDeadlineSeconds()).isEqualTo(3600L);
    assertThat(created.getSpec().ttlSecondsAfterFinished()).isEqualTo(86400L);
    assertThat(created.getSpec().cancelRequested()).isFalse();
    assertThat(created.getMetadata().getLabels()).containsEntry("biotrack.io/job-id", job.id());
    assertQueueEmpty();
  }

  @Test
  void duplicateMessagesMakeOneBioJob() {
    Job job = job(JobStatus.QUEUED);
    for (int i = 0; i < 5; i++) {
      queue.send(JobMessage.of(job.id(), job.tenant()));
    }

    drainUntil(() -> bioJobs().size() == 1);

    assertQueueEmpty();
    assertThat(bioJobs()).hasSize(1);
    assertThat(queue.peekPoison(10)).isEmpty();
    assertThat(metrics.counter("biotrack.ingest.messages", "result", "created").count())
        .isEqualTo(1);
    assertThat(metrics.counter("biotrack.ingest.messages", "result", "already_exists").count())
        .isEqualTo(4);
  }

  @Test
  void aMessageForAJobWithABioJobAlreadyIsSuccess() {
    Job job = job(JobStatus.QUEUED);
    queue.send(JobMessage.of(job.id(), job.tenant()));
    ingestor.drain();
    queue.send(JobMessage.of(job.id(), job.tenant())); // the gateway's sweeper re-sent it

    var received = queue.receive(10, visibility());
    assertThat(received).hasSize(1);
    assertThat(ingestor.handle(received.get(0))).isEqualTo(JobIntake.Result.ALREADY_EXISTS);

    assertQueueEmpty();
    assertThat(bioJobs()).hasSize(1);
  }

  @Test
  void malformedAndUnknownMessagesGoToThePoisonQueueAfterMaxDequeues() {
    queue.send("{not json");
    queue.send("{\"version\":1,\"jobId\":\"" + JobIds.system().next() + "\",\"tenant\":\"acme\"}");
    Job pending = job(JobStatus.PENDING); // never started: never becomes a BioJob

    queue.send(JobMessage.of(pending.id(), pending.tenant()));
    drainUntil(() -> queue.peekPoison(10).size() == 3);

    assertThat(bioJobs()).isEmpty();
    assertThat(queue.peekPoison(10)).hasSize(3).contains("{not json");
  }

  @Test
  void aMessageForAFinishedJobIsDeletedWithoutABioJob() {
    Job cancelled = job(JobStatus.CANCELLED);
    queue.send(JobMessage.of(cancelled.id(), cancelled.tenant()));

    ingestor.drain();

    assertQueueEmpty();
    assertThat(bioJobs()).isEmpty();
    assertThat(queue.peekPoison(10)).isEmpty();
  }

  @Test
  void drainsInTheBackgroundOnceStarted() {
    Job first = job(JobStatus.QUEUED);
    Job second = job(JobStatus.QUEUED);
    ingestor.start();
    queue.send(JobMessage.of(first.id(), first.tenant()));
    queue.send(JobMessage.of(second.id(), second.tenant()));

    await().atMost(Duration.ofSeconds(40)).until(() -> bioJobs().size() == 2);
  }
}
