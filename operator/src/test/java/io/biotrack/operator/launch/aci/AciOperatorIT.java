package io.biotrack.operator.launch.aci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.launch.Launchers;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import io.biotrack.testing.FakeShardOutput;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator with the ACI launcher against the ARM fake. */
@EnableKubernetesMockClient(crud = true)
class AciOperatorIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesClient client;
  @TempDir Path dataDir;
  OperatorHarness harness;
  ArmFake arm;

  void start(int maxCreationsPerHour) throws Exception {
    arm = new ArmFake();
    harness =
        new OperatorHarness(
            client,
            dataDir,
            OperatorHarness.fastDispatch(5),
            OperatorHarness.defaults(3, null, null));
    harness.startOperator(
        new Launchers()
            .with(
                AciLauncherIT.launcher(
                    arm, maxCreationsPerHour, OperatorHarness.FAKE_CREDENTIALS)));
  }

  @AfterEach
  void stop() {
    harness.close();
    arm.close();
  }

  Job aciJob(int images, int shardSize) {
    Job job = harness.queuedJob("acme", images, shardSize);
    harness.createBioJob(
        job,
        r ->
            r.setSpec(
                new BioJobSpec(
                    job.id(),
                    "acme",
                    images,
                    null,
                    null,
                    Launcher.ACI,
                    null,
                    null,
                    null,
                    null,
                    null)));
    return job;
  }

  /** Plays the worker in group {@code name}: the shard's results, then exit 0. */
  void workerCompletes(String name) throws Exception {
    Map<String, String> env = new HashMap<>();
    arm.putBody(name)
        .get("properties")
        .get("containers")
        .get(0)
        .get("properties")
        .get("environmentVariables")
        .forEach(v -> env.put(v.get("name").asText(), v.path("value").asText()));
    ShardTask task = FakeShardOutput.task(env);
    FakeShardOutput.complete(harness.blobs(), task);
    arm.containerState(name, "Terminated", 0, "Completed");
  }

  List<Event> events(Job job, String reason) {
    return harness.events(BioJob.nameFor(job.id())).stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void aGroupThatFailedToProvisionIsReplacedAfterBackoffNeverDuplicated() throws Exception {
    start(300);
    Job job = harness.queuedJob("acme", 2, 2);
    String first = ShardNames.workload(job.id(), 0, 1);
    String second = ShardNames.workload(job.id(), 0, 2);
    arm.failProvisioningOf(first);
    harness.createBioJob(
        job,
        r ->
            r.setSpec(
                new BioJobSpec(
                    job.id(), "acme", 2, null, null, Launcher.ACI, null, null, null, null, null)));

    await().atMost(WAIT).until(() -> arm.groups().contains(second));
    assertThat(arm.groups()).containsExactly(second);
    assertThat(arm.maxGroupsAtOnce()).isEqualTo(1);
    List<ArmFake.Recorded> puts = arm.requests("PUT");
    assertThat(puts)
        .extracting(r -> r.path().substring(0, r.path().indexOf('?')))
        .filteredOn(p -> p.endsWith(first))
        .hasSize(1);
    ArmFake.Recorded deleted = arm.requests("DELETE").get(0);
    assertThat(deleted.path()).contains(first);
    assertThat(Duration.between(deleted.at(), puts.get(puts.size() - 1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100)); // the backoff after attempt 1

    workerCompletes(second);
    await()
        .atMost(WAIT)
        .until(
            () ->
                arm.groups().isEmpty()
                    && "COMPLETED".equals(harness.bioJob(job.id()).getStatus().phase()));
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(harness.bioJob(job.id()).getStatus().attempt()).isEqualTo(2);
  }

  @Test
  void throttlingAndQuotaErrorsDeferLaunchesShowArmsMessageAndWarnInEvents() throws Exception {
    start(300);
    arm.throttlePuts(1_000_000);
    Job job = aciJob(4, 2);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.job(job).message())
                  .isEqualTo(
                      "launching is delayed: Azure throttled container group creation"
                          + " (TooManyRequests: The request is being throttled.)");
              assertThat(harness.bioJob(job.id()).getStatus().message())
                  .isEqualTo(harness.job(job).message());
              assertThat(events(job, "LaunchThrottled"))
                  .singleElement()
                  .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
            });
    // Each try again bumps the one event's count instead of adding events.
    await().atMost(WAIT).until(() -> events(job, "LaunchThrottled").get(0).getCount() >= 2);
    assertThat(events(job, "LaunchThrottled")).hasSize(1);
    // No attempt was spent: each try is written ahead and undone, never counted as failed.
    assertThat(events(job, "AttemptFailed")).isEmpty();

    arm.throttlePuts(0);
    String quota =
        "Resource type 'Microsoft.ContainerInstance/containerGroups' container group quota"
            + " 'StandardCores' exceeded in region 'westeurope'. Limit: '100', Usage: '100'"
            + " Requested: '4'.";
    arm.refusePuts(409, "ContainerGroupQuotaReached", quota);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(harness.job(job).message())
                  .contains("an Azure quota is reached (ContainerGroupQuotaReached: " + quota);
              assertThat(events(job, "QuotaExceeded"))
                  .singleElement()
                  .satisfies(
                      e ->
                          assertThat(e.getMessage())
                              .contains("ContainerGroupQuotaReached: " + quota));
            });

    arm.acceptPuts();
    await().atMost(WAIT).until(() -> arm.groups().size() == 2);
    await().atMost(WAIT).until(() -> harness.job(job).message() == null);
    for (String group : arm.groups()) {
      workerCompletes(group);
    }
    await()
        .atMost(WAIT)
        .until(() -> "COMPLETED".equals(harness.bioJob(job.id()).getStatus().phase()));
    assertThat(harness.bioJob(job.id()).getStatus().attempt()).isEqualTo(1);
    assertThat(events(job, "AttemptFailed")).isEmpty();
  }

  @Test
  void theHourlyCreationLimitDefersTheShardsPastIt() throws Exception {
    start(2);
    Job job = aciJob(6, 2);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(arm.groups()).hasSize(2);
              assertThat(harness.job(job).message())
                  .startsWith(
                      "launching is delayed: at most 2 container groups are created per hour");
              assertThat(events(job, "CreationRateLimited")).isNotEmpty();
            });
    for (String group : arm.groups()) {
      workerCompletes(group);
    }
    await().atMost(WAIT).until(() -> "2/3".equals(harness.bioJob(job.id()).getStatus().shards()));
    await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> arm.groups().isEmpty());
    assertThat(harness.job(job).status()).isEqualTo(JobStatus.PROCESSING); // waits, does not fail
    assertThat(arm.requests("PUT")).hasSize(2);
  }
}
