package io.biotrack.operator.reconciler;

import static io.biotrack.operator.OperatorHarness.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.WorkloadNames;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class BioJobReconcilerIT {
  static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesClient client;
  @TempDir Path dataDir;
  OperatorHarness harness;

  OperatorHarness harness(int maxConcurrent, int maxAttempts, Long deadline, Long ttl) {
    harness =
        new OperatorHarness(
            client, dataDir, OperatorHarness.fastDispatch(maxConcurrent),
            OperatorHarness.defaults(maxAttempts, deadline, ttl));
    return harness;
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  static String pod(Job job, int attempt) {
    return WorkloadNames.of(job.id(), attempt);
  }

  static Condition condition(BioJob resource, String type) {
    return resource.getStatus().conditions().stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  @Test
  void runsAJobToCompletionAndDeletesItsWorkload() {
    harness(2, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});

    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    Pod created = harness.pod(pod(job, 1));
    assertThat(created.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("job-" + job.id()));
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.LAUNCHING);
    assertThat(harness.job(job).attempt()).isEqualTo(1);

    harness.podRunning(pod(job, 1));
    harness.workerStarts(job, 1);
    await().atMost(WAIT).untilAsserted(() -> {
      BioJob resource = harness.bioJob(job.id());
      assertThat(resource.getStatus().phase()).isEqualTo("PROCESSING");
      assertThat(resource.getStatus().processedImages()).isEqualTo(5);
      assertThat(resource.getStatus().failedImages()).isEqualTo(1);
      assertThat(condition(resource, "WorkloadReady").getStatus()).isEqualTo("True");
    });

    harness.workerCompletes(job);
    harness.podEnded(pod(job, 1), 0);
    await().atMost(WAIT).untilAsserted(() -> {
      BioJob resource = harness.bioJob(job.id());
      assertThat(resource.getStatus().phase()).isEqualTo("COMPLETED");
      assertThat(resource.getStatus().finishedAt()).isNotNull();
      assertThat(resource.getStatus().workload()).isNull();
      assertThat(condition(resource, "Succeeded").getStatus()).isEqualTo("True");
      assertThat(condition(resource, "Failed").getStatus()).isEqualTo("False");
    });
    assertThat(harness.pods()).isEmpty();
    assertThat(harness.events("job-" + job.id())).extracting(Event::getReason)
        .contains("Launched", "Cleaned", "Completed");
  }

  @Test
  void retriesAFailedAttemptThenFailsAfterMaxAttempts() {
    harness(2, 2, null, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});

    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    harness.workerStarts(job, 1);
    harness.podEnded(pod(job, 1), 137);

    await().atMost(WAIT).until(() -> harness.pod(pod(job, 2)) != null);
    assertThat(harness.pod(pod(job, 1))).isNull(); // the failed attempt's Pod is gone
    assertThat(harness.job(job).attempt()).isEqualTo(2);
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.LAUNCHING);

    harness.podEnded(pod(job, 2), 1);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
      BioJob resource = harness.bioJob(job.id());
      assertThat(resource.getStatus().phase()).isEqualTo("FAILED");
      assertThat(resource.getStatus().finishedAt()).isNotNull();
      assertThat(condition(resource, "Failed").getStatus()).isEqualTo("True");
    });
    assertThat(harness.job(job).message())
        .isEqualTo("gave up after 2 attempt(s); last: attempt 2 failed with exit code 1 (Error)");
    assertThat(harness.pods()).isEmpty();
    assertThat(harness.events("job-" + job.id())).extracting(Event::getReason)
        .contains("Launched", "AttemptFailed", "Retrying", "Failed");
  }

  @Test
  void aRestartedOperatorFindsTheWorkloadInsteadOfLaunchingASecond() {
    harness(2, 3, null, null);
    Job job = harness.queuedJob("acme");
    // The state a crash leaves: record at LAUNCHING@1 and its Pod created, BioJob status not
    // written yet.
    Job launching = harness.jobs().compareAndSet(
        job, job.moveTo(JobStatus.LAUNCHING, null, java.time.Instant.now()).withAttempt(1));
    BioJob resource = harness.createBioJob(job, r -> {});
    io.biotrack.operator.launch.pod.PodLauncher.kubernetes(client, OperatorHarness.podSettings(), resource)
        .launch(new io.biotrack.launch.LaunchRequest(job.id(), "acme", 1,
            harness.jobDefaults().resources(), harness.jobDefaults().model()));
    String uid = harness.pod(pod(job, 1)).getMetadata().getUid();

    harness.startOperator();

    await().atMost(WAIT).untilAsserted(() -> {
      BioJob seen = harness.bioJob(job.id());
      assertThat(seen.getStatus()).isNotNull();
      assertThat(seen.getStatus().workload()).isNotNull();
      assertThat(seen.getStatus().workload().name()).isEqualTo(pod(job, 1));
      assertThat(seen.getStatus().workload().id()).isEqualTo(uid);
    });
    assertThat(harness.pods()).singleElement()
        .satisfies(p -> assertThat(p.getMetadata().getUid()).isEqualTo(uid));
    assertThat(harness.job(job).attempt()).isEqualTo(launching.attempt());

    // Stopped and started again mid-run: still the one Pod, and the job completes.
    harness.stopOperator();
    harness.startOperator();
    harness.workerStarts(job, 1);
    harness.workerCompletes(job);
    harness.podEnded(pod(job, 1), 0);
    await().atMost(WAIT).until(() -> "COMPLETED".equals(harness.bioJob(job.id()).getStatus().phase())
        && harness.pods().isEmpty());
    assertThat(harness.events("job-" + job.id())).extracting(Event::getReason).doesNotContain("Retrying");
  }

  @Test
  void afterACrashAJobAdmittedBeforeItKeepsItsSlot() {
    harness(1, 3, null, null);
    Job waiting = harness.queuedJob("acme");
    Job admitted = harness.queuedJob("acme");
    // `waiting` comes first in admission order (older BioJob and job). The crashed operator had
    // admitted `admitted` anyway (in real life: BioJobs created in the same second, or admitted
    // together with older ones under a larger cap): record LAUNCHING@1 and its Pod created, BioJob
    // status never written.
    harness.createBioJob(waiting, r -> {});
    BioJob resource = harness.createBioJob(admitted, r -> {});
    harness.jobs().compareAndSet(
        admitted, admitted.moveTo(JobStatus.LAUNCHING, null, java.time.Instant.now()).withAttempt(1));
    io.biotrack.operator.launch.pod.PodLauncher.kubernetes(client, OperatorHarness.podSettings(), resource)
        .launch(new io.biotrack.launch.LaunchRequest(admitted.id(), "acme", 1,
            harness.jobDefaults().resources(), harness.jobDefaults().model()));

    harness.startOperator();

    await().atMost(WAIT).untilAsserted(() -> {
      BioJob seen = harness.bioJob(admitted.id());
      assertThat(seen.getStatus()).isNotNull();
      assertThat(seen.getStatus().workload()).isNotNull();
    });
    // The cap is 1 and that slot is taken: the waiting job waits, although it comes first.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(
        () -> harness.pods().size() == 1 && harness.job(waiting).status() == JobStatus.QUEUED);

    harness.workerStarts(admitted, 1);
    harness.workerCompletes(admitted);
    harness.podEnded(pod(admitted, 1), 0);
    await().atMost(WAIT).until(() -> harness.pod(pod(waiting, 1)) != null);
    assertThat(harness.pods()).hasSize(1);
    assertThat(harness.job(waiting).status()).isEqualTo(JobStatus.LAUNCHING);
  }

  @Test
  void admissionKeepsAtMostTheCapRunningAndAdmitsInCreationOrder() throws Exception {
    int cap = 5;
    harness(cap, 3, null, null).startOperator();
    List<Job> queued = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Job job = harness.queuedJob("tenant-" + (i % 3));
      queued.add(job);
      harness.createBioJob(job, r -> {});
    }
    java.util.Map<String, Integer> admissionOrder = new java.util.LinkedHashMap<>();
    int completed = 0;
    while (completed < queued.size()) {
      await().atMost(WAIT).until(() -> !harness.pods().isEmpty());
      List<Pod> pods = harness.pods();
      long active = queued.stream().map(harness::job)
          .filter(j -> j.status() == JobStatus.LAUNCHING || j.status() == JobStatus.PROCESSING).count();
      assertThat(pods.size()).isLessThanOrEqualTo(cap);
      assertThat(active).isLessThanOrEqualTo(cap);
      for (Pod pod : pods) {
        String name = pod.getMetadata().getName();
        String jobId = name.substring("biotrack-".length(), name.length() - 2);
        admissionOrder.putIfAbsent(jobId, admissionOrder.size());
        Job job = queued.stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow();
        if (harness.job(job).status() == JobStatus.LAUNCHING) {
          harness.workerStarts(job, 1);
          harness.workerCompletes(job);
          harness.podEnded(name, 0);
          completed++;
        }
      }
    }
    await().atMost(WAIT).until(() -> queued.stream().allMatch(
        j -> "COMPLETED".equals(harness.bioJob(j.id()).getStatus().phase())));
    // Admitted in the order the BioJobs were created, give or take the jobs admitted together.
    List<String> order = new java.util.ArrayList<>(admissionOrder.keySet());
    for (int i = 0; i < queued.size(); i++) {
      assertThat(order.indexOf(queued.get(i).id())).isBetween(i - cap, i + cap);
    }
  }

  @Test
  void cancelRequestedOnTheBioJobCancelsTheJobAndDeletesTheWorkload() {
    harness(2, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    harness.workerStarts(job, 1);
    harness.podRunning(pod(job, 1));

    // As kubectl patch does it: a merge patch, no resourceVersion.
    client.resources(BioJob.class).inNamespace(NAMESPACE).withName("job-" + job.id())
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(harness.job(job).status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(harness.pods()).isEmpty();
      assertThat(harness.bioJob(job.id()).getStatus().phase()).isEqualTo("CANCELLED");
      assertThat(harness.events("job-" + job.id())).extracting(Event::getReason).contains("Cancelled");
    });
  }

  @Test
  void aJobCancelledThroughItsRecordLosesItsWorkload() {
    harness(2, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    harness.podRunning(pod(job, 1));

    Job current = harness.job(job); // the gateway's cancel
    harness.jobs().compareAndSet(current, current.moveTo(JobStatus.CANCELLED, "cancelled by the user", java.time.Instant.now()));

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(harness.pods()).isEmpty();
      assertThat(harness.bioJob(job.id()).getStatus().phase()).isEqualTo("CANCELLED");
      assertThat(harness.bioJob(job.id()).getStatus().message()).isEqualTo("cancelled by the user");
    });
  }

  @Test
  void aFinishedBioJobIsDeletedAfterItsTtl() {
    harness(2, 3, null, 1L).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    harness.workerStarts(job, 1);
    harness.workerCompletes(job);
    harness.podEnded(pod(job, 1), 0);

    await().atMost(WAIT).until(() -> harness.bioJob(job.id()) == null);
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.COMPLETED); // the record stays
  }

  @Test
  void aJobPastItsActiveDeadlineFails() {
    harness(2, 3, 1L, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    harness.workerStarts(job, 1);
    harness.podRunning(pod(job, 1));

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
      assertThat(harness.pods()).isEmpty();
    });
    assertThat(harness.job(job).message()).isEqualTo("exceeded the active deadline of 1 s");
  }

  @Test
  void deletingARunningBioJobDeletesItsWorkloadAndFailsTheJob() {
    harness(2, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    harness.podRunning(pod(job, 1));

    client.resources(BioJob.class).inNamespace(NAMESPACE).withName("job-" + job.id()).delete();

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(harness.bioJob(job.id())).isNull();
      assertThat(harness.pods()).isEmpty();
      assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
    });
    assertThat(harness.job(job).message()).isEqualTo("its BioJob was deleted");
  }

  @Test
  void aConfigurationErrorFailsWithoutRetry() {
    harness(2, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> {});
    await().atMost(WAIT).until(() -> harness.pod(pod(job, 1)) != null);
    harness.podEnded(pod(job, 1), 2);

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(harness.job(job).status()).isEqualTo(JobStatus.FAILED);
      assertThat(harness.pods()).isEmpty();
    });
    assertThat(harness.job(job).attempt()).isEqualTo(1);
    assertThat(harness.job(job).message()).contains("configuration error");
  }

  @Test
  void aLauncherThisOperatorLacksFailsTheJobWithAClearMessage() {
    harness(2, 3, null, null).startOperator();
    Job job = harness.queuedJob("acme");
    harness.createBioJob(job, r -> r.setSpec(new io.biotrack.operator.biojob.BioJobSpec(
        job.id(), "acme", 12, null, null, io.biotrack.operator.biojob.Launcher.ACI,
        null, null, null, null, null)));

    await().atMost(WAIT).until(() -> harness.job(job).status() == JobStatus.FAILED);
    assertThat(harness.job(job).message()).contains("launcher 'aci' is not available");
  }
}
