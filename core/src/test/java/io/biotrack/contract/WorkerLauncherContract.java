package io.biotrack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.biotrack.job.JobIds;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardTask;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkerLauncher} must do, whatever runs its workloads (a child process, a
 * Kubernetes Job, an ACI container group): one workload per shard attempt, named {@code
 * biotrack-{jobId}-{shard}-{attempt}}, launched idempotently by that name, its state and the
 * worker's exit code reported, deleted idempotently. The dispatch engine relies on exactly this and
 * nothing more.
 *
 * <p>Tests play the platform through {@link #platformRuns} and {@link #platformEnds}; a launcher
 * that reports from a cache (an informer, a poll) is brought up to date by {@link #refresh} before
 * each look.
 */
public abstract class WorkerLauncherContract {
  protected static final Duration WAIT = Duration.ofSeconds(20);

  /** The launcher under test (the same one for the whole test). */
  protected abstract WorkerLauncher launcher();

  /** The platform runs the workload's worker (a process runs from its start: nothing to do). */
  protected abstract void platformRuns(WorkloadHandle handle) throws Exception;

  /** The workload's worker ended with {@code exitCode}. */
  protected abstract void platformEnds(WorkloadHandle handle, int exitCode) throws Exception;

  /** The names of the workloads the platform holds now. */
  protected abstract Set<String> workloads() throws Exception;

  /** The environment the workload's worker gets (or got). */
  protected abstract Map<String, String> environmentOf(WorkloadHandle handle) throws Exception;

  /** Brings a launcher that reports from a cache up to date; nothing for the others. */
  protected void refresh() throws Exception {}

  protected String jobId = JobIds.system().next();

  protected LaunchRequest request(int shard, int attempt) {
    return new LaunchRequest(
        new ShardTask(jobId, "acme", "0123456789abcdef", shard, shard * 100L, 100, attempt, 0.2),
        new WorkerResources(2, 4, 0),
        "md_v5a.0.0.torchscript");
  }

  protected WorkloadStatus status(WorkloadHandle handle) throws Exception {
    refresh();
    return launcher().status(handle);
  }

  @Test
  void aLaunchIsOneWorkloadNamedAfterTheShardAttempt() throws Exception {
    WorkloadHandle handle = launcher().launch(request(3, 2));

    assertThat(handle.kind()).isEqualTo(launcher().kind());
    assertThat(handle.name()).isEqualTo(ShardNames.workload(jobId, 3, 2));
    assertThat(workloads()).containsExactly(handle.name());
    assertThat(status(handle).phase()).isIn(WorkloadPhase.WAITING, WorkloadPhase.RUNNING);
  }

  @Test
  void launchingTheSameAttemptAgainFindsItsWorkload() throws Exception {
    WorkloadHandle first = launcher().launch(request(0, 1));
    WorkloadHandle again = launcher().launch(request(0, 1));

    assertThat(again.name()).isEqualTo(first.name());
    assertThat(again.kind()).isEqualTo(first.kind());
    assertThat(workloads()).containsExactly(first.name());
  }

  @Test
  void shardsAndAttemptsAreWorkloadsOfTheirOwn() throws Exception {
    WorkloadHandle shard0 = launcher().launch(request(0, 1));
    WorkloadHandle shard1 = launcher().launch(request(1, 1));
    WorkloadHandle retry = launcher().launch(request(0, 2));

    assertThat(workloads()).containsExactlyInAnyOrder(shard0.name(), shard1.name(), retry.name());
  }

  @Test
  void theWorkerGetsItsShardTask() throws Exception {
    WorkloadHandle handle = launcher().launch(request(2, 3));

    assertThat(environmentOf(handle))
        .containsEntry("BIOTRACK_JOB_ID", jobId)
        .containsEntry("BIOTRACK_TENANT", "acme")
        .containsEntry("BIOTRACK_MANIFEST", "0123456789abcdef")
        .containsEntry("BIOTRACK_SHARD", "2")
        .containsEntry("BIOTRACK_SHARD_FROM", "200")
        .containsEntry("BIOTRACK_SHARD_COUNT", "100")
        .containsEntry("BIOTRACK_ATTEMPT", "3")
        .containsEntry("BIOTRACK_CONFIDENCE_THRESHOLD", "0.2")
        .containsEntry("BIOTRACK_THREADS", "2")
        .containsKey("BIOTRACK_MODEL");
  }

  @Test
  void aWorkerThatRunsAndExitsZeroSucceeded() throws Exception {
    WorkloadHandle handle = launcher().launch(request(0, 1));
    platformRuns(handle);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(status(handle)).isEqualTo(WorkloadStatus.RUNNING));

    platformEnds(handle, 0);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              WorkloadStatus ended = status(handle);
              assertThat(ended.phase()).isEqualTo(WorkloadPhase.SUCCEEDED);
              assertThat(ended.exitCode()).isEqualTo(0);
            });
  }

  @Test
  void aWorkerThatFailsReportsItsExitCode() throws Exception {
    WorkloadHandle handle = launcher().launch(request(0, 1));
    platformRuns(handle);
    platformEnds(handle, 3);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              WorkloadStatus ended = status(handle);
              assertThat(ended.phase()).isEqualTo(WorkloadPhase.FAILED);
              assertThat(ended.exitCode()).isEqualTo(3);
            });
  }

  @Test
  void deletingRemovesTheWorkloadAndMayBeRepeated() throws Exception {
    WorkloadHandle handle = launcher().launch(request(0, 1));
    WorkloadHandle other = launcher().launch(request(1, 1));
    platformRuns(handle);

    launcher().delete(handle);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(status(handle)).isEqualTo(WorkloadStatus.NOT_FOUND);
              assertThat(workloads()).containsExactly(other.name());
            });
    assertThatCode(() -> launcher().delete(handle)).doesNotThrowAnyException();
  }

  @Test
  void aWorkloadNeverLaunchedIsNotFound() throws Exception {
    WorkloadHandle never =
        new WorkloadHandle(launcher().kind(), ShardNames.workload(jobId, 7, 1), null);

    assertThat(status(never)).isEqualTo(WorkloadStatus.NOT_FOUND);
    assertThatCode(() -> launcher().delete(never)).doesNotThrowAnyException();
  }
}
