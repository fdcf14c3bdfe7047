package io.biotrack.embedded.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerAllocator;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.WorkerWaitPolicy;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.shard.ShardTask;
import io.biotrack.testing.FakeWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessLauncherIT {
  static final String JOB = "0123456789abcdefghjkmnpqrs";
  @TempDir Path dir;
  LocalProcessLauncher launcher;

  LocalProcessLauncher launcher(Map<String, String> env) {
    return new LocalProcessLauncher(
        new LocalLauncherSettings(
            FakeWorker.command(), env, dir.resolve("state"), dir.resolve("models"), "md_v5a"));
  }

  static LaunchRequest request(int attempt, WorkerResources resources, String model) {
    return new LaunchRequest(
        new ShardTask(JOB, "acme", "m1", 0, 0, 1, attempt, 0.005), resources, model);
  }

  Path release() {
    return dir.resolve("release");
  }

  Path logOf(WorkloadHandle handle) {
    return dir.resolve("state/logs/" + handle.name() + ".log");
  }

  @AfterEach
  void stopWorkers() throws Exception {
    Files.writeString(release(), "go");
  }

  @Test
  void runsTheWorkerWithItsEnvironmentAndReportsSuccess() throws Exception {
    launcher =
        launcher(Map.of("FAKE_WORKER_RELEASE", release().toString(), "BIOTRACK_STORAGE", "local"));
    WorkloadHandle handle = launcher.launch(request(1, new WorkerResources(3, 4, 0), "tiny"));

    assertThat(handle.kind()).isEqualTo("local");
    assertThat(handle.name()).isEqualTo("biotrack-" + JOB + "-0-1");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Files.exists(logOf(handle))
                    && Files.readString(logOf(handle)).contains("fake worker started"));
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.RUNNING);
    assertThat(Files.readString(logOf(handle)))
        .contains(
            "BIOTRACK_JOB_ID=" + JOB,
            "BIOTRACK_TENANT=acme",
            "BIOTRACK_ATTEMPT=1",
            "BIOTRACK_THREADS=3",
            "BIOTRACK_STORAGE=local",
            "BIOTRACK_MODEL=" + dir.resolve("models/tiny"));

    Files.writeString(release(), "go");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> launcher.status(handle).phase().isTerminal());
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.succeeded());
  }

  @Test
  void runsTheWorkerWithTheAllocatorDefault() throws Exception {
    launcher = launcher(Map.of());
    WorkloadHandle handle = launcher.launch(request(1, WorkerResources.DEFAULT, null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> launcher.status(handle).phase().isTerminal());

    Map<String, String> expected = WorkerAllocator.environment(System.getenv());
    String log = Files.readString(logOf(handle));
    assertThat(expected).as("this machine's default").isNotEmpty();
    expected.forEach((name, value) -> assertThat(log).contains(name + "=" + value));
    if (expected.containsKey(WorkerAllocator.LD_PRELOAD)) {
      assertThat(log).contains("allocator mapped: tcmalloc");
    } else {
      assertThat(log).doesNotContain("LD_PRELOAD=");
    }
  }

  @Test
  void aUsersOwnAllocatorSettingWins() throws Exception {
    launcher = launcher(Map.of(WorkerAllocator.SETTING, "system"));
    WorkloadHandle handle = launcher.launch(request(1, WorkerResources.DEFAULT, null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> launcher.status(handle).phase().isTerminal());

    String log = Files.readString(logOf(handle));
    assertThat(log).contains("fake worker started");
    if (System.getenv(WorkerAllocator.LD_PRELOAD) == null) {
      assertThat(log).doesNotContain("LD_PRELOAD=", "allocator mapped");
    }
    if (System.getenv(WorkerAllocator.GLIBC_TUNABLES) == null) {
      assertThat(log).doesNotContain("GLIBC_TUNABLES=");
    }
  }

  @Test
  void workersWaitPassivelyForTheCoresTheyShare() throws Exception {
    launcher = launcher(Map.of());
    WorkloadHandle handle = launcher.launch(request(1, WorkerResources.DEFAULT, null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> launcher.status(handle).phase().isTerminal());

    assertThat(Files.readString(logOf(handle))).contains("OMP_WAIT_POLICY=PASSIVE");
  }

  @Test
  void aUsersOwnWaitPolicyWins() throws Exception {
    launcher = launcher(Map.of(WorkerWaitPolicy.OMP_WAIT_POLICY, "ACTIVE"));
    WorkloadHandle handle = launcher.launch(request(1, WorkerResources.DEFAULT, null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> launcher.status(handle).phase().isTerminal());

    String log = Files.readString(logOf(handle));
    assertThat(log).contains("OMP_WAIT_POLICY=ACTIVE").doesNotContain("OMP_WAIT_POLICY=PASSIVE");
  }

  @Test
  void reportsTheExitCodeOfAFailedWorker() {
    launcher = launcher(Map.of("FAKE_WORKER_EXITS", "7"));
    WorkloadHandle handle = launcher.launch(request(1, WorkerResources.DEFAULT, null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> launcher.status(handle).phase().isTerminal());
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.failed(7, null));
    // A restarted launcher reads the recorded exit code.
    assertThat(launcher(Map.of()).status(handle)).isEqualTo(WorkloadStatus.failed(7, null));
  }

  @Test
  void launchingAnAttemptTwiceStartsOneWorkerEvenAfterARestart() throws Exception {
    launcher = launcher(Map.of("FAKE_WORKER_RELEASE", release().toString()));
    LaunchRequest request = request(2, WorkerResources.DEFAULT, null);
    WorkloadHandle first = launcher.launch(request);
    WorkloadHandle again = launcher.launch(request);
    LocalProcessLauncher restarted = launcher(Map.of("FAKE_WORKER_RELEASE", release().toString()));
    WorkloadHandle afterRestart = restarted.launch(request);

    assertThat(again).isEqualTo(first);
    assertThat(afterRestart).isEqualTo(first);
    assertThat(restarted.status(first)).isEqualTo(WorkloadStatus.RUNNING);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Files.exists(logOf(first))
                    && Files.readString(logOf(first)).contains("fake worker started"));
    assertThat(Files.readAllLines(logOf(first)))
        .filteredOn("fake worker started"::equals)
        .hasSize(1);
  }

  @Test
  void deleteStopsARunningWorkerFoundByARestartedLauncher() {
    launcher = launcher(Map.of("FAKE_WORKER_RELEASE", release().toString()));
    WorkloadHandle handle = launcher.launch(request(1, WorkerResources.DEFAULT, null));
    long pid = Long.parseLong(handle.id());
    LocalProcessLauncher restarted = launcher(Map.of());

    restarted.delete(handle);

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(restarted.status(handle).phase()).isEqualTo(WorkloadPhase.NOT_FOUND);
    assertThat(Files.exists(dir.resolve("state/" + handle.name()))).isFalse();
    restarted.delete(handle); // idempotent
  }

  @Test
  void aWorkerThatEndedUnwatchedCountsAsFailedWithoutExitCode() throws Exception {
    launcher = launcher(Map.of("FAKE_WORKER_RELEASE", release().toString()));
    WorkloadHandle handle = launcher.launch(request(1, WorkerResources.DEFAULT, null));
    Path workload = dir.resolve("state/" + handle.name());
    Files.writeString(release(), "go");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(workload.resolve("exit")));
    Files.delete(workload.resolve("exit")); // as if the launcher had been down when it ended

    WorkloadStatus status = launcher(Map.of()).status(handle);

    assertThat(status.phase()).isEqualTo(WorkloadPhase.FAILED);
    assertThat(status.exitCode()).isNull();
    assertThat(status.reason()).contains("no launcher watched");
  }

  /**
   * What a launcher killed in the middle of {@link LocalProcessLauncher#launch} leaves behind: the
   * launching marker without a pid file. Sets {@link #launcher} to the restarted launcher.
   */
  Path launchCutShort(LaunchRequest request) throws Exception {
    launcher = launcher(Map.of("FAKE_WORKER_RELEASE", release().toString()));
    Path workload = Files.createDirectories(dir.resolve("state/" + request.workloadName()));
    Files.writeString(workload.resolve("launching"), "now");
    return workload;
  }

  @Test
  void aLaunchCutShortBeforeItsPidFileIsAdoptedNotRepeated() throws Exception {
    // ... and the child it had started, which reported itself in child.pid.
    LaunchRequest request = request(1, WorkerResources.DEFAULT, null);
    Path workload = launchCutShort(request);
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                "/bin/sh", "-c", "echo $$ > \"$0/child.pid\" && exec \"$@\"", workload.toString()));
    command.addAll(FakeWorker.command());
    ProcessBuilder orphan =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    orphan.environment().put("FAKE_WORKER_RELEASE", release().toString());
    Process started = orphan.start();

    WorkloadHandle handle = launcher.launch(request);

    assertThat(handle.id()).isEqualTo(Long.toString(started.pid()));
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.RUNNING);
    assertThat(logOf(handle)).doesNotExist(); // no second worker was started
    Files.writeString(release(), "go");
    assertThat(started.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.status(handle).phase()).isEqualTo(WorkloadPhase.FAILED); // ended unwatched
  }

  @Test
  void aLaunchCutShortBeforeAnyProcessStartedStartsOneAfterAWhile() throws Exception {
    LaunchRequest request = request(1, WorkerResources.DEFAULT, null);
    launchCutShort(request);

    WorkloadHandle handle = launcher.launch(request);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Files.exists(logOf(handle))
                    && Files.readString(logOf(handle)).contains("fake worker started"));
    assertThat(launcher.status(handle)).isEqualTo(WorkloadStatus.RUNNING);
  }

  @Test
  void anUnknownWorkloadIsNotFound() {
    launcher = launcher(Map.of());
    assertThat(launcher.status(new io.biotrack.launch.WorkloadHandle("local", "biotrack-x-1", "1")))
        .isEqualTo(WorkloadStatus.NOT_FOUND);
  }
}
