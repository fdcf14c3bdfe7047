package io.biotrack.dispatch;

import io.biotrack.dispatch.Decision.Cancel;
import io.biotrack.dispatch.Decision.Complete;
import io.biotrack.dispatch.Decision.EndAttempt;
import io.biotrack.dispatch.Decision.Fail;
import io.biotrack.dispatch.Decision.Finish;
import io.biotrack.dispatch.Decision.Launch;
import io.biotrack.dispatch.Decision.Merge;
import io.biotrack.dispatch.Decision.Remove;
import io.biotrack.dispatch.Decision.Report;
import io.biotrack.dispatch.Decision.Seen;
import io.biotrack.dispatch.Decision.Wait;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.IllegalTransitionException;
import io.biotrack.job.Job;
import io.biotrack.job.JobCounts;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.job.ShardCounts;
import io.biotrack.launch.LaunchDeferredException;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkerResources;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.results.ResultsMerger;
import io.biotrack.shard.ShardNames;
import io.biotrack.shard.ShardPlan;
import io.biotrack.shard.ShardProgress;
import io.biotrack.shard.ShardTask;
import io.biotrack.shard.Tally;
import io.biotrack.storage.BlobContainer;
import io.biotrack.storage.BlobNames;
import io.biotrack.storage.BlobNotFoundException;
import io.biotrack.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one dispatch loop, for the operator and the embedded dispatcher alike: for one job, observe
 * (its workloads, its shards' progress, then its record) → decide ({@link DispatchPolicy}) → act
 * (job record, launcher, results) → save ({@link DispatchLedger}), repeated while the next round
 * needs no waiting. Their own code only connects it: which jobs exist, where a job's state is kept,
 * which launcher runs a workload.
 *
 * <p>Every action is idempotent, so repeating one after a crash does no harm, and a launch is
 * written ahead: the ledger names a workload before the launcher creates it, so a dispatcher that
 * dies in between finds and counts it (by its deterministic name) instead of starting another.
 */
public final class DispatchEngine {
  private static final Logger log = LoggerFactory.getLogger(DispatchEngine.class);

  /** Rounds per reconcile; a job's whole life takes a few, the bound only stops a livelock. */
  private static final int MAX_ROUNDS = 8;

  /** When a decision names no time to look again (a finished job kept without a TTL). */
  private static final Duration IDLE_RECHECK = Duration.ofMinutes(1);

  /**
   * One job as its dispatcher tracks it, besides its {@link DispatchState}.
   *
   * @param queuedAt when it entered the dispatcher (admission order)
   * @param launcherKind where its workloads run ("aci", "kubernetes", "local", ...)
   * @param model the model name for its workers; null for the launcher's default
   */
  public record Tracked(
      String jobId,
      String tenant,
      Instant queuedAt,
      boolean cancelRequested,
      JobLimits limits,
      WorkerResources resources,
      String model,
      String launcherKind) {

    public Tracked {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(queuedAt, "queuedAt");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(resources, "resources");
      Objects.requireNonNull(launcherKind, "launcherKind");
    }
  }

  /**
   * What one round did, for the ledger to save and show.
   *
   * @param job the job record after the round; null when it no longer exists
   * @param observed the workloads' states as this round saw them, by shard
   * @param deferral why a launch had to wait for the platform (throttling, quota), with the
   *     launcher's reason; null if none
   * @param ahead a write-ahead save before launches: the state names workloads being created;
   *     events and log lines about the decisions belong to the round's final save only
   */
  public record Round(
      Tracked tracked,
      Job job,
      DispatchState state,
      List<Decision> decisions,
      Map<Integer, WorkloadStatus> observed,
      LaunchDeferredException.Deferral deferral,
      boolean ahead) {}

  private final JobStore jobs;
  private final BlobStore blobs;
  private final DispatchPolicy policy;
  private final Admission admission;
  private final ResultsMerger merger;
  private final io.biotrack.reuse.ContentIndexMerger contents;
  private final Clock clock;

  public DispatchEngine(
      JobStore jobs, BlobStore blobs, DispatchPolicy policy, Admission admission, Clock clock) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.policy = policy;
    this.admission = admission;
    this.merger = new ResultsMerger(blobs);
    this.contents = new io.biotrack.reuse.ContentIndexMerger(blobs);
    this.clock = clock;
  }

  public DispatchPolicy policy() {
    return policy;
  }

  public Admission admission() {
    return admission;
  }

  /**
   * Dispatches one job until it has to wait.
   *
   * @param state the job's state as its ledger holds it
   * @param launchers the launcher of a kind (may throw {@link LaunchRejectedException} when that
   *     kind cannot run here)
   * @param everyone every tracked job as admission counts it (this one included or not)
   * @return when to look at the job again; null once its ledger entry was removed
   */
  public Instant reconcile(
      Tracked tracked,
      DispatchState state,
      DispatchLedger ledger,
      Function<String, WorkerLauncher> launchers,
      Supplier<Collection<Admission.Entry>> everyone) {
    DispatchState current = state;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Map<Integer, WorkloadStatus> observed = observe(current, launchers);
      Map<Integer, ShardProgress> progress = progress(tracked.jobId(), current);
      Job job = jobs.find(tracked.tenant(), tracked.jobId()).orElse(null);
      List<Decision> decisions;
      Outcome outcome;
      try {
        int grant =
            admission.grant(
                current.entry(tracked.jobId(), tracked.queuedAt(), tracked.resources().cpu()),
                everyone.get());
        decisions =
            policy.decide(
                new DispatchInput(
                    job,
                    current,
                    observed,
                    progress,
                    tracked.cancelRequested(),
                    tracked.limits(),
                    grant,
                    clock.instant()));
        Remove remove = first(decisions, Remove.class);
        if (remove != null) {
          log.debug("forgetting job {}: {}", tracked.jobId(), remove.reason());
          ledger.remove(remove.reason());
          admission.settle(tracked.jobId());
          return null;
        }
        outcome = act(tracked, job, current, decisions, ledger, launchers, observed);
      } catch (ConcurrentUpdateException lost) {
        admission.settle(tracked.jobId());
        continue; // another writer (a cancel) changed the record: observe again
      } catch (RuntimeException e) {
        admission.settle(tracked.jobId());
        throw e;
      }
      current = outcome.state();
      ledger.save(
          new Round(
              tracked, outcome.job(), current, decisions, observed, outcome.deferral(), false));
      // Only now does the saved state show this round's launches to everyone else.
      admission.settle(tracked.jobId());
      if (outcome.deferral() != null) {
        return clock.instant().plus(policy.settings().pollInterval());
      }
      if (decisions.stream().noneMatch(Decision::continues)) {
        Wait wait = first(decisions, Wait.class);
        Duration after =
            wait == null || wait.recheckAfter() == null ? IDLE_RECHECK : wait.recheckAfter();
        return clock.instant().plus(after);
      }
    }
    return clock.instant().plus(policy.settings().pollInterval());
  }

  private record Outcome(Job job, DispatchState state, LaunchDeferredException.Deferral deferral) {}

  private Outcome act(
      Tracked tracked,
      Job job,
      DispatchState state,
      List<Decision> decisions,
      DispatchLedger ledger,
      Function<String, WorkerLauncher> launchers,
      Map<Integer, WorkloadStatus> observed) {
    Instant now = clock.instant();
    List<Launch> launches = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision instanceof Launch launch) {
        launches.add(launch);
      } else if (decision instanceof EndAttempt end) {
        launcherOrNull(launchers, end.workload().kind())
            .ifPresent(launcher -> launcher.delete(end.workload()));
        state = state.attemptEnded(end.shard(), end.failure(), end.stopped(), now);
      } else if (decision instanceof Complete complete) {
        state = state.completed(complete.shard(), complete.counts());
      } else if (decision instanceof Seen seen) {
        state = state.seen(seen.shard(), seen.counts());
      } else if (decision instanceof Report report) {
        state = state.withShardTotal(report.shards().total());
        job = report(job, report);
      } else if (decision instanceof Merge merge) {
        state = state.withShardTotal(merge.shards());
        job = merge(job, merge);
      } else if (decision instanceof Fail fail) {
        job = finish(job, JobStatus.FAILED, fail.message());
      } else if (decision instanceof Cancel cancel) {
        job = finish(job, JobStatus.CANCELLED, cancel.message());
      } else if (decision instanceof Finish) {
        state = state.finished(now);
      }
    }
    if (launches.isEmpty()) {
      return new Outcome(job, state, null);
    }
    return launch(tracked, job, state, decisions, launches, ledger, launchers, observed);
  }

  /**
   * Starts the launches of a round: the record to LAUNCHING if it is QUEUED, the workloads noted in
   * the ledger, then created.
   */
  private Outcome launch(
      Tracked tracked,
      Job job,
      DispatchState state,
      List<Decision> decisions,
      List<Launch> launches,
      DispatchLedger ledger,
      Function<String, WorkerLauncher> launchers,
      Map<Integer, WorkloadStatus> observed) {
    Instant now = clock.instant();
    int highest = launches.stream().mapToInt(Launch::attempt).max().orElse(1);
    if (job.status() == JobStatus.QUEUED) {
      job =
          jobs.compareAndSet(
              job,
              job.moveTo(JobStatus.LAUNCHING, null, now)
                  .withAttempt(Math.max(highest, job.attempt())));
    }
    WorkerLauncher launcher;
    try {
      launcher = launchers.apply(tracked.launcherKind());
    } catch (LaunchRejectedException e) {
      return new Outcome(finish(job, JobStatus.FAILED, e.getMessage()), state, null);
    }
    ShardPlan plan = new ShardPlan(job.counts().imageCount(), job.options().shardSize());
    Map<Integer, ShardState> before = new HashMap<>();
    DispatchState ahead = state;
    for (Launch launch : launches) {
      before.put(launch.shard(), state.shard(launch.shard()).orElse(null));
      String name = ShardNames.workload(tracked.jobId(), launch.shard(), launch.attempt());
      ahead =
          ahead.launched(
              launch.shard(),
              launch.attempt(),
              new WorkloadHandle(launcher.kind(), name, null),
              now);
    }
    ledger.save(new Round(tracked, job, ahead, decisions, observed, null, true));
    DispatchState launched = ahead;
    LaunchDeferredException.Deferral deferral = null;
    for (Launch launch : launches) {
      LaunchRequest request =
          new LaunchRequest(
              new ShardTask(
                  tracked.jobId(),
                  tracked.tenant(),
                  job.manifestId(),
                  launch.shard(),
                  plan.from(launch.shard()),
                  plan.size(launch.shard()),
                  launch.attempt(),
                  job.options().confidenceThreshold(),
                  job.options().species(),
                  job.options().previousJobId()),
              tracked.resources(),
              // The job's own choice wins over its dispatcher's default.
              job.options().model() != null ? job.options().model() : tracked.model());
      try {
        WorkloadHandle handle = launcher.launch(request);
        launched = launched.launched(launch.shard(), launch.attempt(), handle, now);
      } catch (LaunchDeferredException e) {
        // Not an attempt: the shard waits for the platform; later launches of this round would
        // meet the same answer.
        deferral = e.deferral();
        for (Launch undo : launches.subList(launches.indexOf(launch), launches.size())) {
          launched = launched.withoutLaunch(undo.shard(), before.get(undo.shard()));
        }
        break;
      } catch (LaunchRejectedException e) {
        return new Outcome(finish(job, JobStatus.FAILED, e.getMessage()), launched, null);
      }
    }
    job =
        deferral != null
            ? note(job, "launching is delayed: " + deferral.message())
            : note(job, null);
    return new Outcome(job, launched, deferral);
  }

  /** The job's counts, shard counts, attempt and phase (only ever forward) as reported. */
  private Job report(Job job, Report report) {
    if (job == null || job.isTerminal()) {
      return job;
    }
    Instant now = clock.instant();
    Job next = job;
    if (report.phase() == JobStatus.PROCESSING && job.status() == JobStatus.LAUNCHING) {
      next = next.moveTo(JobStatus.PROCESSING, null, now);
    }
    Tally tally = report.tally();
    JobCounts counts =
        job.counts()
            .withProgress(
                Math.toIntExact(tally.processed()),
                Math.toIntExact(tally.failed()),
                tally.detections())
            .withReused(Math.toIntExact(tally.reused()));
    if (!counts.equals(job.counts())) {
      next = next.withCounts(counts, now);
    }
    if (!report.shards().equals(job.shards())) {
      next = next.withShards(report.shards(), now);
    }
    if (report.attempt() > job.attempt()) {
      next = next.withAttempt(report.attempt());
    }
    return next == job ? job : jobs.compareAndSet(job, next);
  }

  /** Every shard is done: the job's results from the shards', then COMPLETED. */
  private Job merge(Job job, Merge merge) {
    if (job == null || job.isTerminal()) {
      return job;
    }
    List<String> parts = new ArrayList<>();
    for (int shard = 0; shard < merge.shards(); shard++) {
      parts.add(ShardNames.results(job.id(), shard));
    }
    long images;
    try {
      images = merger.merge(parts, BlobNames.results(job.id()));
    } catch (RuntimeException e) {
      log.error("job {}: could not merge the shards' results", job.id(), e);
      return finish(
          job,
          JobStatus.FAILED,
          "the shards' results could not be joined (see the dispatcher's log)");
    }
    try {
      contents.merge(job.id(), merge.shards());
    } catch (RuntimeException e) {
      // Not the job's results: only later jobs' reuse of its photos is lost.
      log.warn(
          "job {}: could not join the shards' content index; later jobs cannot reuse its photos",
          job.id(),
          e);
    }
    if (images != job.counts().imageCount()) {
      return finish(
          job,
          JobStatus.FAILED,
          "the shards' results hold "
              + images
              + " images, the job has "
              + job.counts().imageCount());
    }
    Instant now = clock.instant();
    Job next = job;
    if (next.status() == JobStatus.LAUNCHING) {
      next = jobs.compareAndSet(next, next.moveTo(JobStatus.PROCESSING, null, now));
    }
    Tally tally = merge.tally();
    Job completed =
        jobs.compareAndSet(
            next,
            next.withCounts(
                    next.counts()
                        .withProgress(
                            Math.toIntExact(tally.processed()),
                            Math.toIntExact(tally.failed()),
                            tally.detections())
                        .withReused(Math.toIntExact(tally.reused())),
                    now)
                .withShards(
                    new ShardCounts(merge.shards(), 0, merge.shards(), 0, merge.inference()), now)
                .withMessage(null, now)
                .moveTo(JobStatus.COMPLETED, null, now));
    dropCheckpoints(completed.id(), merge.shards());
    return completed;
  }

  /**
   * A completed job's shard checkpoints are of no further use (the shards' results parts stay: the
   * images endpoint pages through them). Cluster workers cannot delete them (their grants hold no
   * delete), so the dispatcher does; a blob left by a failure here goes with the job.
   */
  private void dropCheckpoints(String jobId, int shards) {
    try {
      for (int shard = 0; shard < shards; shard++) {
        blobs.delete(BlobContainer.RESULTS, ShardNames.checkpoint(jobId, shard));
      }
    } catch (RuntimeException e) {
      log.warn("job {}: could not delete the shards' checkpoints: {}", jobId, e.toString());
    }
  }

  /** A live job to {@code outcome} with {@code message}; a finished one stays as it is. */
  private Job finish(Job job, JobStatus outcome, String message) {
    if (job == null || job.isTerminal()) {
      return job;
    }
    try {
      return jobs.compareAndSet(job, job.moveTo(outcome, message, clock.instant()));
    } catch (IllegalTransitionException e) {
      throw new ConcurrentUpdateException(job.id()); // moved meanwhile: observe again
    }
  }

  /** Sets (or clears, {@code null}) the note a live job shows while a launch waits. */
  private Job note(Job job, String message) {
    if (job == null || job.isTerminal() || Objects.equals(job.message(), message)) {
      return job;
    }
    return jobs.compareAndSet(job, job.withMessage(message, clock.instant()));
  }

  private Map<Integer, WorkloadStatus> observe(
      DispatchState state, Function<String, WorkerLauncher> launchers) {
    Map<Integer, WorkloadStatus> observed = new HashMap<>();
    for (ShardState shard : state.shards()) {
      if (shard.running()) {
        WorkloadStatus status =
            launcherOrNull(launchers, shard.workload().kind())
                .map(launcher -> launcher.status(shard.workload()))
                .orElse(WorkloadStatus.NOT_FOUND);
        observed.put(shard.shard(), status);
      }
    }
    return observed;
  }

  private Map<Integer, ShardProgress> progress(String jobId, DispatchState state) {
    Map<Integer, ShardProgress> reports = new HashMap<>();
    for (ShardState shard : state.shards()) {
      String name = ShardNames.progress(jobId, shard.shard());
      try (InputStream in = blobs.open(BlobContainer.RESULTS, name)) {
        reports.put(shard.shard(), ShardProgress.parse(in.readAllBytes()));
      } catch (BlobNotFoundException none) {
        // not reported yet
      } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
        log.warn("job {}: unreadable progress of shard {}: {}", jobId, shard.shard(), e.toString());
      }
    }
    return reports;
  }

  private static java.util.Optional<WorkerLauncher> launcherOrNull(
      Function<String, WorkerLauncher> launchers, String kind) {
    try {
      return java.util.Optional.of(launchers.apply(kind));
    } catch (LaunchRejectedException unavailable) {
      return java.util.Optional.empty(); // no such launcher here: nothing of it can run
    }
  }

  private static <T extends Decision> T first(List<Decision> decisions, Class<T> type) {
    for (Decision decision : decisions) {
      if (type.isInstance(decision)) {
        return type.cast(decision);
      }
    }
    return null;
  }
}
