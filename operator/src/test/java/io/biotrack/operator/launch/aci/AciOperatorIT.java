package io.biotrack.operator.launch.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.launch.Launchers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator with the ACI launcher against the ARM fake. */
@EnableKubernetesMockClient(crud = true)
class AciOperatorIT {
  KubernetesClient client;
  @TempDir Path dataDir;
  OperatorHarness harness;
  ArmFake arm;

  @AfterEach
  void stop() {
    harness.close();
    arm.close();
  }

  @Test
  void aGroupThatFailedToProvisionIsReplacedAfterBackoffNeverDuplicated() throws Exception {
    arm = new ArmFake();
    harness = new OperatorHarness(client, dataDir, OperatorHarness.fastDispatch(2), OperatorHarness.defaults(3, null, null));
    harness.startOperator(new Launchers().with(AciLauncherIT.launcher(arm)));
    Job job = harness.queuedJob("acme");
    String first = "biotrack-" + job.id() + "-1";
    String second = "biotrack-" + job.id() + "-2";
    arm.failProvisioningOf(first);

    harness.createBioJob(job, r -> r.setSpec(new io.biotrack.operator.biojob.BioJobSpec(
        job.id(), "acme", 12, null, null, Launcher.ACI, null, null, null, null, null)));

    await().atMost(Duration.ofSeconds(20)).until(() -> arm.groups().contains(second));
    assertThat(arm.groups()).containsExactly(second);
    assertThat(arm.maxGroupsAtOnce()).isEqualTo(1);
    List<ArmFake.Recorded> puts = arm.requests("PUT");
    assertThat(puts).extracting(r -> r.path().substring(0, r.path().indexOf('?')))
        .filteredOn(p -> p.endsWith(first)).hasSize(1);
    ArmFake.Recorded deleted = arm.requests("DELETE").get(0);
    assertThat(deleted.path()).contains(first);
    assertThat(Duration.between(deleted.at(), puts.get(puts.size() - 1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100)); // the backoff after attempt 1
    assertThat(harness.job(job).attempt()).isEqualTo(2);

    harness.workerStarts(job, 2);
    harness.workerCompletes(job);
    arm.containerState(second, "Terminated", 0, "Completed");
    await().atMost(Duration.ofSeconds(20)).until(() -> arm.groups().isEmpty()
        && "COMPLETED".equals(harness.bioJob(job.id()).getStatus().phase()));
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(arm.maxGroupsAtOnce()).isEqualTo(1);
    BioJob resource = harness.bioJob(job.id());
    assertThat(resource.getStatus().attempt()).isEqualTo(2);
  }
}
