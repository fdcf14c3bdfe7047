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
}
