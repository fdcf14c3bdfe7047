package io.biotrack.operator.reconciler;

import io.biotrack.dispatch.Decision;
import io.biotrack.dispatch.DispatchEngine.Round;
import io.biotrack.dispatch.DispatchLedger;
import io.biotrack.dispatch.ShardState;
import io.biotrack.job.Job;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobStatus;
import io.biotrack.operator.reconciler.BioJobEvents.Reason;
import io.biotrack.shard.ShardSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's {@link DispatchLedger}: a job's dispatch state lives in its BioJob's status,
 * written through {@link StatusWriter} (server-side apply in production) with the record's phase,
 * counts and message and the conditions ({@link StatusView}). Events tell {@code kubectl describe}
 * what a round did — only for a round's final save: a write-ahead save names workloads that are
 * about to be created, and a crash right after it must not leave an event for a launch that did not
 * happen.
 */
final class BioJobLedger implements DispatchLedger {
  private static final Logger log = LoggerFactory.getLogger(BioJobLedger.class);

  private final Context<BioJob> context;
  private final StatusWriter writer;
  private final BioJobEvents events;
  private final MeterRegistry metrics;
  private final Clock clock;
  private BioJob current;
  private boolean removed;
  private int ended;

  /** Whether the job had launched shards before this reconcile (the Launched event is once). */
  private boolean startedBefore;

  BioJobLedger(
      BioJob resource,
      Context<BioJob> context,
      StatusWriter writer,
      BioJobEvents events,
      MeterRegistry metrics,
      Clock clock) {
    this.current = resource;
    this.startedBefore = resource.currentStatus().admittedAt() != null;
    this.context = context;
    this.writer = writer;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The BioJob as last written (what the launchers own their workloads by). */
  BioJob current() {
    return current;
  }

  boolean removed() {
    return removed;
  }

  /** Workloads ended (deleted) during this reconcile: slots that others may take now. */
  int ended() {
    return ended;
  }

  @Override
  public void save(Round round) {
    BioJobStatus next = StatusView.status(current, round, clock.instant());
    if (!next.equals(current.getStatus())) {
      current = writer.write(current, next, context);
    }
    if (!round.ahead()) {
      report(round);
    }
  }

  @Override
  public void remove(String reason) {
    log.info("deleting {}: {}", current.getMetadata().getName(), reason);
    context.getClient().resource(current).delete();
    removed = true;
  }

  /**
   * Events people need, not one per step: the job's first launches, a shard's failure and retry, a
   * launch that waits for Azure, the job's end (and its workloads' deletion then). A shard that
   * completes or starts later shows in the status ({@code shards}, {@code activeShards}).
   */
  private void report(Round round) {
    ShardSet launched = ShardSet.empty();
    ShardSet cleaned = ShardSet.empty();
    ShardSet completed = ShardSet.empty();
    String kind = null;
    for (Decision decision : round.decisions()) {
      metrics
          .counter("biotrack.dispatch.decisions", "decision", decision.getClass().getSimpleName())
          .increment();
      if (decision instanceof Decision.Launch launch) {
        Optional<WorkloadHandle> workload = launchedAs(round, launch);
        if (workload.isEmpty()) {
          continue; // deferred: the round undid it
        }
        kind = workload.get().kind();
        if (launch.attempt() == 1) {
          launched = launched.with(launch.shard());
        } else {
          record(
              Reason.Retrying,
              "shard "
                  + launch.shard()
                  + " attempt "
                  + launch.attempt()
                  + " runs as "
                  + workload.get().kind()
                  + " workload "
                  + workload.get().name());
        }
      } else if (decision instanceof Decision.EndAttempt end) {
        ended++;
        if (end.failure() != null) {
          record(Reason.AttemptFailed, end.failure());
        } else {
          cleaned = cleaned.with(end.shard());
        }
      } else if (decision instanceof Decision.Complete complete) {
        completed = completed.with(complete.shard());
      } else if (decision instanceof Decision.Finish finish) {
        Job job = round.job();
        String message =
            job != null && job.message() != null ? job.message() : "job " + finish.outcome();
        Reason reason =
            switch (finish.outcome()) {
              case COMPLETED -> Reason.Completed;
              case CANCELLED -> Reason.Cancelled;
              default -> Reason.Failed;
            };
        record(reason, message);
      }
    }
    if (launched.size() > 0 && !startedBefore) {
      record(
          Reason.Launched,
          "launched shard(s) "
              + launched
              + " of "
              + round.state().shardTotal()
              + " (attempt 1) as "
              + kind
              + " workloads");
      startedBefore = true;
    }
    ShardSet stopped = ShardSet.empty(); // deleted unfinished: the job ended under them
    for (int shard = 0; shard < round.state().shardTotal(); shard++) {
      if (cleaned.contains(shard) && !completed.contains(shard)) {
        stopped = stopped.with(shard);
      }
    }
    if (stopped.size() > 0) {
      String why =
          round.job() == null ? "the job record is gone" : "the job is " + round.job().status();
      record(Reason.Cleaned, "deleted the workload(s) of shard(s) " + stopped + ": " + why);
    }
    if (round.deferral() != null) {
      Reason reason = Reason.ofDeferral(round.deferral().reason());
      metrics.counter("biotrack.launch.deferred", "reason", reason.name()).increment();
      record(reason, round.deferral().message());
    }
  }

  /** The workload a launch made, if the round's state shows it (a deferred launch was undone). */
  private static Optional<WorkloadHandle> launchedAs(Round round, Decision.Launch launch) {
    return round
        .state()
        .shard(launch.shard())
        .filter(s -> s.attempt() == launch.attempt())
        .map(ShardState::workload);
  }

  private void record(Reason reason, String message) {
    events.record(current, reason, message);
  }
}
