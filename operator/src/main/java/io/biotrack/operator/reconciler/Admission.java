package io.biotrack.operator.reconciler;

import io.biotrack.dispatch.Capacity;
import io.biotrack.dispatch.Decision;
import io.biotrack.job.JobStatus;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Admission across all BioJobs this operator watches. Capacity is counted from the informer
 * cache, and admission decisions are taken one at a time: JOSDK reconciles BioJobs in parallel,
 * and two jobs must not both take the last slot. A job admitted here holds its slot in memory
 * until its status (written right after) shows it, and until it finishes.
 *
 * <p>After a restart (or a change of leader) the memory is empty, yet an earlier operator may
 * have admitted a job — moved its record to LAUNCHING, perhaps launched its workload — and
 * stopped before writing its status. Its BioJob then looks like a waiting job, which holds no
 * slot for the jobs ahead of it in admission order (a job admitted together with older ones, or
 * in the same second as an older one): they would be admitted on top of its running workload.
 * So before the first decision such jobs are found from their job records, once, and hold their
 * slots like any other admitted job.
 */
final class Admission {
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final Supplier<Stream<BioJob>> cache;
  private final Predicate<BioJob> recordUnderway;
  private final int maxConcurrentWorkloads;
  private boolean recovered;

  /**
   * @param recordUnderway whether a BioJob's job record is past admission (LAUNCHING or
   *     PROCESSING); asked only at the first decision, for BioJobs whose status shows no slot
   */
  Admission(
      Supplier<Stream<BioJob>> cache, Predicate<BioJob> recordUnderway, int maxConcurrentWorkloads) {
    this.cache = cache;
    this.recordUnderway = recordUnderway;
    this.maxConcurrentWorkloads = maxConcurrentWorkloads;
  }

  /** Decides for a waiting job with the capacity it sees, reserving a slot if admitted. */
  synchronized Decision decide(BioJob self, Function<Capacity, Decision> policy) {
    recoverOnce();
    List<Capacity.Entry> all = cache.get().map(this::entry).toList();
    Decision decision = policy.apply(Capacity.of(entry(self), all));
    if (decision instanceof Decision.Launch) {
      admitted.add(jobId(self));
    }
    return decision;
  }

  /**
   * The job no longer holds a slot: tells {@code wake} about the waiting jobs that may now be
   * admitted, first in line first, so they need not wait for their next poll.
   */
  synchronized void release(BioJob job, Consumer<BioJob> wake) {
    recoverOnce();
    admitted.remove(jobId(job));
    long free = Math.max(0, maxConcurrentWorkloads - active());
    cache.get()
        .filter(other -> !jobId(other).equals(jobId(job)))
        .map(other -> new Candidate(other, entry(other)))
        .filter(candidate -> candidate.entry().waiting())
        .sorted((a, b) -> Capacity.ORDER.compare(a.entry(), b.entry()))
        .limit(free)
        .forEach(candidate -> wake.accept(candidate.job()));
  }

  /** Jobs holding a slot now (a metric). */
  long active() {
    return cache.get().map(this::entry).filter(Capacity.Entry::holdsSlot).count();
  }

  /** Jobs waiting for a slot now (a metric). */
  long waiting() {
    return cache.get().map(this::entry).filter(Capacity.Entry::waiting).count();
  }

  private record Candidate(BioJob job, Capacity.Entry entry) {}

  /** Slots taken by admissions whose status write an earlier operator did not finish. */
  private void recoverOnce() {
    if (recovered) {
      return;
    }
    cache.get()
        .filter(job -> !job.currentStatus().dispatchState().holdsSlot())
        .filter(job -> job.currentStatus().finishedAt() == null)
        .filter(recordUnderway)
        .forEach(job -> admitted.add(jobId(job)));
    recovered = true;
  }

  private Capacity.Entry entry(BioJob job) {
    BioJobStatus status = job.currentStatus();
    boolean holds = admitted.contains(jobId(job)) || status.dispatchState().holdsSlot();
    boolean waiting =
        !holds
            && status.finishedAt() == null
            && !job.getSpec().cancelRequested()
            && (status.phase() == null || JobStatus.QUEUED.name().equals(status.phase()));
    String created = job.getMetadata().getCreationTimestamp();
    Instant queuedAt = created == null ? Instant.EPOCH : Instant.parse(created);
    return new Capacity.Entry(jobId(job), queuedAt, holds, waiting);
  }

  private static String jobId(BioJob job) {
    return job.getSpec().jobId();
  }
}
