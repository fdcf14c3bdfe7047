package io.biotrack.operator.reconciler;

import static io.biotrack.operator.OperatorHarness.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.launch.Launchers;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ResultsJson;
import io.biotrack.shard.ShardNames;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator on the dispatch engine, against the mock API server: sharded jobs as batch/v1 Jobs,
 * admission across jobs, retries per shard, cancel, deadline, TTL, deletion, write-ahead launches,
 * and how fast a finished worker reaches its BioJob.
 */
@EnableKubernetesMockClient(crud = true)
class BioJobReconcilerIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesClient client;
  @TempDir Path dataDir;
  OperatorHarness harness;

  OperatorHarness harness(int maxConcurrent, int maxAttempts, Long deadline, Long ttl) {
    harness =
        new OperatorHarness(
            client,
            dataDir,
            OperatorHarness.fastDispatch(maxConcurrent),
            OperatorHarness.defaults(maxAttempts, deadline, ttl));
    return harness;
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  static String workload(Job job, int shard, int attempt) {
    return ShardNames.workload(job.id(), shard, attempt);
  }

  static Condition condition(BioJob resource, String type) {
    return resource.getStatus().conditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  List<String> reasons(Job job) {
    return harness.events(BioJob.nameFor(job.id())).stream().map(Event::getReason).toList();
  }

  BatchResults results(Job job) throws Exception {
    try (InputStream in =
        harness.blobs().open(BlobContainer.RESULTS, BlobNames.results(job.id()))) {
      return ResultsJson.read(in);
    }
  }

  void patchSpec(Job job, String json) {
    // As kubectl patch does it: a merge patch, no resourceVersion.
    client
        .resources(BioJob.class)
        .inNamespace(NAMESPACE)
        .withName(BioJob.nameFor(job.id()))
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  @Test
  void aThreeShardJobRunsAsThreeJobsToMergedResults() throws Exception {
    harness(5, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme", 6, 2);
    harness.createBioJob(job, r -> {});

    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 3);
    for (int shard = 0; shard < 3; shard++) {
      var worker = harness.workerJob(workload(job, shard, 1));
      assertThat(worker.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getName()).isEqualTo(BioJob.nameFor(job.id())));
      assertThat(worker.getSpec().getBackoffLimit()).isZero();
      assertThat(worker.getSpec().getTtlSecondsAfterFinished()).isNull();
      assertThat(harness.task(worker.getMetadata().getName()).shard()).isEqualTo(shard);
    }
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.LAUNCHING);

    harness.workerRuns(workload(job, 0, 1), 1);
    harness.workerCompletes(workload(job, 1, 1));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BioJob resource = harness.bioJob(job.id());
              assertThat(resource.getStatus().phase()).isEqualTo("PROCESSING");
              assertThat(resource.getStatus().shards()).isEqualTo("1/3");
              assertThat(resource.getStatus().completedShards()).isEqualTo("1");
              assertThat(resource.getStatus().processedImages()).isEqualTo(3);
              assertThat(resource.getStatus().activeShards())
                  .extracting(e -> e.shard())
                  .containsExactly(0, 2);
              assertThat(condition(resource, "WorkloadsRunning").getStatus()).isEqualTo("True");
            });
    assertThat(harness.workerJob(workload(job, 1, 1)))
        .isNull(); // a completed shard's Job goes at once

    harness.workerCompletes(workload(job, 0, 1));
    harness.workerCompletes(workload(job, 2, 1));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BioJob resource = harness.bioJob(job.id());
              assertThat(resource.getStatus().phase()).isEqualTo("COMPLETED");
              assertThat(resource.getStatus().shards()).isEqualTo("3/3");
              assertThat(resource.getStatus().finishedAt()).isNotNull();
              assertThat(resource.getStatus().activeShards()).isNull();
              assertThat(condition(resource, "Succeeded").getStatus()).isEqualTo("True");
              assertThat(condition(resource, "Failed").getStatus()).isEqualTo("False");
            });
    assertThat(harness.workerJobs()).isEmpty();
    assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    assertThat(harness.job(job).counts().processedCount()).isEqualTo(6);
    assertThat(results(job).images()).hasSize(6);
    // One Launched event for the job, not one per shard; a completed shard's deletion is no event.
    assertThat(reasons(job))
        .contains("Launched", "Completed")
        .doesNotContain("Retrying", "Cleaned");
    assertThat(harness.events(BioJob.nameFor(job.id())))
        .filteredOn(e -> e.getReason().equals("Launched"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .isEqualTo("launched shard(s) 0-2 of 3 (attempt 1) as kubernetes workloads"));
  }

  @Test
  void reusedImagesReportedByShardsAddUpInTheStatusAndTheRecord() {
    harness(5, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme", 6, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 3);

    harness.workerCompletes(workload(job, 0, 1), 2);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BioJob resource = harness.bioJob(job.id());
              assertThat(resource.getStatus().completedShards()).isEqualTo("0");
              assertThat(resource.getStatus().reusedImages()).isEqualTo(2);
            });
    // Later rounds read the completed shards' counts back from the status: the 2 must survive.
    harness.workerCompletes(workload(job, 1, 1), 1);
    harness.workerCompletes(workload(job, 2, 1), 0);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BioJob resource = harness.bioJob(job.id());
              assertThat(resource.getStatus().phase()).isEqualTo("COMPLETED");
              assertThat(resource.getStatus().reusedImages()).isEqualTo(3);
              assertThat(resource.getStatus().completedTally().reused()).isEqualTo(3);
            });
    assertThat(harness.job(job).counts().reusedCount()).isEqualTo(3);
    assertThat(harness.job(job).counts().processedCount()).isEqualTo(6);
  }

  @Test
  void aFailedShardIsRetriedAloneThenTheJobFailsAfterMaxAttempts() {
    harness(5, 2, null, null).startOperator();
    Job job = harness.queuedJob("acme", 4, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);

    harness.workerCompletes(workload(job, 0, 1));
    harness.jobEnded(workload(job, 1, 1), 137);
    await().atMost(WAIT).until(() -> harness.workerJob(workload(job, 1, 2)) != null);
    assertThat(harness.workerJob(workload(job, 1, 1))).isNull(); // the failed attempt's Job is gone
    assertThat(harness.workerJob(workload(job, 0, 2))).isNull(); // the completed shard is not rerun
    assertThat(harness.job(job).attempt()).isEqualTo(2);

    harness.jobEnded(workload(job, 1, 2), 1);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
              BioJob resource = harness.bioJob(job.id());
              assertThat(resource.getStatus().phase()).isEqualTo("FAILED");
              assertThat(resource.getStatus().finishedAt()).isNotNull();
              assertThat(condition(resource, "Failed").getStatus()).isEqualTo("True");
            });
    assertThat(harness.job(job).message())
        .isEqualTo(
            "gave up on shard 1 (photos 3–4) after 2 attempt(s); last: shard 1 (photos 3–4) attempt"
                + " 2 failed with exit code 1 (Error)");
    assertThat(harness.workerJobs()).isEmpty();
    assertThat(reasons(job)).contains("Launched", "AttemptFailed", "Retrying", "Failed");
  }

  /**
   * Write-ahead: the status names a shard's workloads before the launcher creates them. A round cut
   * short before creating anything counts those attempts (their workloads "disappeared") and
   * retries them; one cut short after creating a Job finds that Job next time and launches no
   * second. Either way every Job is one the status knows.
   */
  @Test
  void launchesCutShortNeverLeakAWorkloadNorLaunchTwice() {
    harness(5, 3, null, null);
    Job job = harness.queuedJob("acme", 4, 2);
    AtomicBoolean crashBeforeCreating = new AtomicBoolean(true);
    AtomicBoolean crashAfterCreating = new AtomicBoolean(true);
    Launchers real = harness.jobLaunchers();
    Launchers crashing =
        new Launchers()
            .watchedBy(real.events().get(0))
            .with(
                "kubernetes",
                owner -> {
                  WorkerLauncher launcher = real.launcher("kubernetes", owner);
                  return new WorkerLauncher() {
                    public String kind() {
                      return launcher.kind();
                    }

                    public WorkloadHandle launch(LaunchRequest request) {
                      if (request.shard() == 0 && crashBeforeCreating.getAndSet(false)) {
                        throw new IllegalStateException(
                            "the operator died before creating " + request.workloadName());
                      }
                      WorkloadHandle handle = launcher.launch(request);
                      if (request.shard() == 1
                          && request.attempt() == 2
                          && crashAfterCreating.getAndSet(false)) {
                        throw new IllegalStateException(
                            "the operator died after creating " + request.workloadName());
                      }
                      return handle;
                    }

                    public WorkloadStatus status(WorkloadHandle handle) {
                      return launcher.status(handle);
                    }

                    public void delete(WorkloadHandle handle) {
                      launcher.delete(handle);
                    }
                  };
                });
    harness.startOperator(crashing);
    harness.createBioJob(job, r -> {});

    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(() -> harness.workerJobs().size() == 2);
    assertThat(harness.workerJobs())
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder(workload(job, 0, 2), workload(job, 1, 2));
    BioJob resource = harness.bioJob(job.id());
    assertThat(resource.getStatus().activeShards())
        .extracting(e -> e.attempt())
        .containsExactly(2, 2);
    assertThat(resource.getStatus().activeShards())
        .extracting(e -> e.workload().name())
        .containsExactly(workload(job, 0, 2), workload(job, 1, 2));
    assertThat(resource.getStatus().activeShards().get(0).attemptFailure())
        .isEqualTo("shard 0 (photos 1–2) attempt 1's workload disappeared");

    // Stopped and started again mid-run: still one Job per shard, and the job completes.
    harness.stopOperator();
    harness.startOperator();
    harness.workerCompletes(workload(job, 0, 2));
    harness.workerCompletes(workload(job, 1, 2));
    await()
        .atMost(WAIT)
        .until(
            () ->
                "COMPLETED".equals(harness.bioJob(job.id()).getStatus().phase())
                    && harness.workerJobs().isEmpty());
    assertThat(harness.job(job).counts().processedCount()).isEqualTo(4);
  }

  /**
   * After a restart (or a change of leader) admission counts what the statuses show: a job whose
   * status names a running workload holds its slot, even against an older job that waits.
   */
  @Test
  void aRestartedOperatorCountsTheWorkloadsTheStatusesShow() {
    harness(1, 3, null, null);
    Job older = harness.queuedJob("acme", 2, 2);
    Job running = harness.queuedJob("acme", 2, 2);
    harness.createBioJob(older, r -> {});
    BioJob resource = harness.createBioJob(running, r -> {});
    // What the previous operator left: running's shard launched (status and Job), record LAUNCHING.
    Instant now = Instant.now();
    io.biotrack.dispatch.DispatchState launched =
        io.biotrack.dispatch.DispatchState.NEW.launched(
            0, 1, new WorkloadHandle("kubernetes", workload(running, 0, 1), null), now);
    client
        .resources(BioJob.class)
        .inNamespace(NAMESPACE)
        .resource(resource)
        .editStatus(
            r -> {
              r.setStatus(
                  io.biotrack.operator.biojob.BioJobStatus.of(
                      launched, "LAUNCHING", 0, 0, 0, 1, null, null, 1L));
              return r;
            });
    harness
        .jobs()
        .compareAndSet(
            harness.job(running),
            harness.job(running).moveTo(JobStatus.LAUNCHING, null, now).withAttempt(1));
    io.biotrack.operator.launch.kube.WorkerJobLauncher.kubernetes(
            client,
            OperatorHarness.jobSettings(),
            OperatorHarness.FAKE_CREDENTIALS,
            new io.biotrack.operator.launch.kube.ApiWorkloadLookup(client),
            resource)
        .launch(
            new LaunchRequest(
                new io.biotrack.shard.ShardTask(
                    running.id(), "acme", running.manifestId(), 0, 0, 2, 1, 0.005),
                harness.jobDefaults().resources(),
                harness.jobDefaults().model()));
    harness.jobRunning(workload(running, 0, 1));

    harness.startOperator();

    // The cap is 1 and that slot is taken: the older job waits, the running one keeps its Job.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .until(
            () ->
                harness.workerJobs().size() == 1
                    && harness.job(older).status() == JobStatus.QUEUED);
    harness.workerCompletes(workload(running, 0, 1));
    await().atMost(WAIT).until(() -> harness.workerJob(workload(older, 0, 1)) != null);
    await()
        .atMost(WAIT)
        .until(() -> "COMPLETED".equals(harness.bioJob(running.id()).getStatus().phase()));
  }

  @Test
  void admissionKeepsTheCapAcrossJobsAndSharesItFairly() {
    int cap = 4;
    harness(cap, 3, null, null).startOperator();
    List<Job> queued = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Job job = harness.queuedJob("tenant-" + (i % 3), 6, 2);
      queued.add(job);
      harness.createBioJob(job, r -> {});
    }
    Set<String> done = new HashSet<>();
    AtomicInteger most = new AtomicInteger();
    int sawTwoJobsAtOnce = 0;
    while (done.size() < queued.size() * 3) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  harness.workerJobs().stream()
                      .anyMatch(j -> !done.contains(j.getMetadata().getName())));
      var running =
          harness.workerJobs().stream()
              .filter(j -> !done.contains(j.getMetadata().getName()))
              .toList();
      most.accumulateAndGet(running.size(), Math::max);
      assertThat(running.size()).isLessThanOrEqualTo(cap);
      if (running.stream()
              .map(j -> j.getMetadata().getLabels().get("biotrack.io/job-id"))
              .distinct()
              .count()
          > 1) {
        sawTwoJobsAtOnce++;
      }
      for (var worker : running) {
        harness.workerCompletes(worker.getMetadata().getName());
        done.add(worker.getMetadata().getName());
      }
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                queued.stream()
                    .allMatch(j -> "COMPLETED".equals(harness.bioJob(j.id()).getStatus().phase())));
    assertThat(most.get()).isEqualTo(cap);
    assertThat(sawTwoJobsAtOnce).as("the cap is shared between jobs").isPositive();
  }

  @Test
  void cancelRequestedOnTheBioJobCancelsTheJobAndDeletesItsWorkloads() {
    harness(5, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme", 4, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);
    harness.workerRuns(workload(job, 0, 1), 1);

    patchSpec(job, "{\"spec\":{\"cancel\":true}}");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.job(job).status()).isEqualTo(JobStatus.CANCELLED);
              assertThat(harness.workerJobs()).isEmpty();
              assertThat(harness.bioJob(job.id()).getStatus().phase()).isEqualTo("CANCELLED");
              assertThat(reasons(job)).contains("Cancelled", "Cleaned");
            });
  }

  @Test
  void aJobCancelledThroughItsRecordLosesItsWorkloads() {
    harness(5, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme", 4, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);
    harness.jobRunning(workload(job, 0, 1));

    harness.cancelRecord(job, "cancelled by the user"); // the gateway's cancel

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.workerJobs()).isEmpty();
              assertThat(harness.bioJob(job.id()).getStatus().phase()).isEqualTo("CANCELLED");
              assertThat(harness.bioJob(job.id()).getStatus().message())
                  .isEqualTo("cancelled by the user");
            });
  }

  @Test
  void aFinishedBioJobIsDeletedAfterItsTtl() {
    harness(5, 3, null, 1L).startOperator();
    Job job = harness.queuedJob("acme", 2, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJob(workload(job, 0, 1)) != null);
    harness.workerCompletes(workload(job, 0, 1));

    await().atMost(WAIT).until(() -> harness.bioJob(job.id()) == null);
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.COMPLETED); // the record stays
  }

  @Test
  void aJobPastItsActiveDeadlineFails() {
    harness(5, 3, 1L, null).startOperator();
    Job job = harness.queuedJob("acme", 4, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);
    harness.workerRuns(workload(job, 0, 1), 1);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
              assertThat(harness.workerJobs()).isEmpty();
            });
    assertThat(harness.job(job).message()).isEqualTo("exceeded the active deadline of 1 s");
  }

  @Test
  void deletingARunningBioJobDeletesItsWorkloadsAndFailsTheJob() {
    harness(5, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme", 4, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);
    harness.jobRunning(workload(job, 0, 1));

    client
        .resources(BioJob.class)
        .inNamespace(NAMESPACE)
        .withName(BioJob.nameFor(job.id()))
        .delete();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.bioJob(job.id())).isNull();
              assertThat(harness.workerJobs()).isEmpty();
              assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
            });
    assertThat(harness.job(job).message()).isEqualTo("its BioJob was deleted");
  }

  @Test
  void aConfigurationErrorFailsWithoutRetry() {
    harness(5, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme", 4, 2);
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);
    harness.jobEnded(workload(job, 1, 1), 2);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
              assertThat(harness.workerJobs()).isEmpty();
            });
    assertThat(harness.job(job).attempt()).isEqualTo(1);
    assertThat(harness.job(job).message()).contains("configuration error");
  }

  @Test
  void aLauncherThisOperatorLacksFailsTheJobWithAClearMessage() {
    harness(5, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme", 4, 2);
    harness.createBioJob(
        job,
        r ->
            r.setSpec(
                new BioJobSpec(
                    job.id(), "acme", 4, null, null, Launcher.ACI, null, null, null, null, null)));

    await().atMost(WAIT).until(() -> harness.job(job).status() == JobStatus.FAILED);
    assertThat(harness.job(job).message()).contains("launcher 'aci' is not available");
    assertThat(harness.workerJobs()).isEmpty();
  }

  /**
   * The operator is told, not polling: with the engine's recheck slowed to a minute, a shard that
   * finishes completes its job within seconds (the worker Job's informer event), and a cancel
   * through the record reaches its BioJob within the records' listing interval (here 1 s).
   */
  @Test
  void aFinishedWorkerReachesItsBioJobInSecondsWhateverThePollInterval() {
    DispatchSettings slow =
        new DispatchSettings(
            5, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(1));
    harness =
        new OperatorHarness(
            client, dataDir, slow, OperatorHarness.defaults(3, null, null), Duration.ofSeconds(1));
    harness.startOperator();
    Job job = harness.queuedJob("acme", 2, 2);
    Job other = harness.queuedJob("acme", 2, 2);
    harness.createBioJob(job, r -> {});
    harness.createBioJob(other, r -> {});
    await().atMost(WAIT).until(() -> harness.workerJobs().size() == 2);
    harness.workerRuns(workload(job, 0, 1), 1);
    await()
        .pollDelay(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(() -> "PROCESSING".equals(harness.bioJob(job.id()).getStatus().phase()));

    long started = System.nanoTime();
    harness.workerCompletes(workload(job, 0, 1));
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> "COMPLETED".equals(harness.bioJob(job.id()).getStatus().phase()));
    Duration completion = Duration.ofNanos(System.nanoTime() - started);

    started = System.nanoTime();
    harness.cancelRecord(other, "cancelled by the user");
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                "CANCELLED".equals(harness.bioJob(other.id()).getStatus().phase())
                    && harness.workerJob(workload(other, 0, 1)) == null);
    Duration cancel = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "completion reached the BioJob in %d ms, a record's cancel in %d ms (poll 60 s)%n",
        completion.toMillis(), cancel.toMillis());
    assertThat(completion).isLessThan(Duration.ofSeconds(3));
    assertThat(cancel).isLessThan(Duration.ofSeconds(3));
  }
}
