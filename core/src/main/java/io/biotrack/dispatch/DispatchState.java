package io.biotrack.dispatch;

import io.biotrack.launch.WorkloadHandle;
import io.biotrack.shard.ShardSet;
import io.biotrack.shard.Tally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a dispatcher remembers about one job between two decisions: the operator keeps it in {@code
 * BioJob.status}, the embedded dispatcher in its dispatch record (both through a {@link
 * DispatchLedger}). The job record stays the source of truth for the job's state; this is only the
 * dispatcher's own bookkeeping.
 *
 * @param admittedAt when the job's first shard got a slot (the active deadline counts from here)
 * @param finishedAt when the dispatcher saw the job terminal with no workload left (the TTL counts
 *     from here)
 * @param shardTotal how many shards the job has; 0 until the dispatcher first looked at its plan
 * @param shards the shards launched and not completed, by shard number
 * @param completed the shards whose results are written
 * @param completedTally the completed shards' counts added up
 */
public record DispatchState(
    Instant admittedAt,
    Instant finishedAt,
    int shardTotal,
    List<ShardState> shards,
    ShardSet completed,
    Tally completedTally) {

  public static final DispatchState NEW =
      new DispatchState(null, null, 0, List.of(), ShardSet.empty(), Tally.ZERO);

  public DispatchState {
    if (shardTotal < 0) {
      throw new IllegalArgumentException("shardTotal cannot be negative");
    }
    shards = shards.stream().sorted(Comparator.comparingInt(ShardState::shard)).toList();
    completed = completed == null ? ShardSet.empty() : completed;
    completedTally = completedTally == null ? Tally.ZERO : completedTally;
  }

  public Optional<ShardState> shard(int shard) {
    return shards.stream().filter(s -> s.shard() == shard).findFirst();
  }

  /** Workloads this job holds now (each takes a slot). */
  public int workloads() {
    return (int) shards.stream().filter(ShardState::running).count();
  }

  /** True while the job counts against the dispatcher's capacity or waits to (not finished). */
  public boolean admitted() {
    return admittedAt != null && finishedAt == null;
  }

  /** The highest attempt of any shard; 0 before the first launch. */
  public int attempt() {
    return shards.stream().mapToInt(ShardState::attempt).max().orElse(completed.size() > 0 ? 1 : 0);
  }

  /** Counts of the completed shards plus the last seen counts of the others. */
  public Tally tally() {
    Tally total = completedTally;
    for (ShardState shard : shards) {
      total = total.plus(shard.seen());
    }
    return total;
  }

  /** After launching attempt {@code attempt} of {@code shard} as {@code workload}. */
  public DispatchState launched(int shard, int attempt, WorkloadHandle workload, Instant now) {
    ShardState next =
        shard(shard)
            .map(s -> s.relaunched(attempt, workload, now))
            .orElseGet(() -> ShardState.launched(shard, attempt, workload, now));
    return new DispatchState(
        admittedAt == null ? now : admittedAt,
        finishedAt,
        shardTotal,
        replace(next),
        completed,
        completedTally);
  }

  /** After deleting the workload of {@code shard}; {@code failure} null when it did not fail. */
  public DispatchState attemptEnded(int shard, String failure, Instant now) {
    return attemptEnded(shard, failure, false, now);
  }

  /**
   * After deleting the workload of {@code shard}; {@code failure} null when it did not fail, {@code
   * stopped} when it was stopped by a signal (not counted as a failed attempt).
   */
  public DispatchState attemptEnded(int shard, String failure, boolean stopped, Instant now) {
    ShardState next = shard(shard).orElseThrow().ended(failure, stopped, now);
    return new DispatchState(
        admittedAt, finishedAt, shardTotal, replace(next), completed, completedTally);
  }

  /** After {@code shard} completed with {@code counts}: it moves to the completed set. */
  public DispatchState completed(int shard, Tally counts) {
    List<ShardState> rest = new ArrayList<>(shards);
    rest.removeIf(s -> s.shard() == shard);
    return new DispatchState(
        admittedAt,
        finishedAt,
        shardTotal,
        rest,
        completed.with(shard),
        completedTally.plus(counts));
  }

  /** The last counts seen of a shard still running. */
  public DispatchState seen(int shard, Tally counts) {
    ShardState next = shard(shard).orElseThrow().withSeen(counts);
    return new DispatchState(
        admittedAt, finishedAt, shardTotal, replace(next), completed, completedTally);
  }

  /** After the dispatcher saw the job terminal with no workload left. */
  public DispatchState finished(Instant now) {
    return new DispatchState(admittedAt, now, shardTotal, shards, completed, completedTally);
  }

  /** The job has {@code total} shards. */
  public DispatchState withShardTotal(int total) {
    return new DispatchState(admittedAt, finishedAt, total, shards, completed, completedTally);
  }

  /** A shard launched (write-ahead) whose launch did not happen after all: as if never tried. */
  public DispatchState withoutLaunch(int shard, ShardState before) {
    List<ShardState> rest = new ArrayList<>(shards);
    rest.removeIf(s -> s.shard() == shard);
    if (before != null) {
      rest.add(before);
    }
    return new DispatchState(admittedAt, finishedAt, shardTotal, rest, completed, completedTally);
  }

  /**
   * Whether the job has shards neither completed nor running (or has not been planned yet), so it
   * wants workload slots.
   */
  public boolean wantsMore() {
    if (finishedAt != null) {
      return false;
    }
    return shardTotal == 0 || completed.size() + workloads() < shardTotal;
  }

  /** This job as admission counts it. */
  public Admission.Entry entry(String jobId, Instant queuedAt, double coresEach) {
    return new Admission.Entry(jobId, queuedAt, workloads(), coresEach, wantsMore());
  }

  private List<ShardState> replace(ShardState next) {
    List<ShardState> out = new ArrayList<>(shards);
    out.removeIf(s -> s.shard() == next.shard());
    out.add(next);
    return out;
  }
}
