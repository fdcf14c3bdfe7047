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
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Admission across all BioJobs this operator watches. Capacity is counted from the informer
 * cache, and admission decisions are taken one at a time: JOSDK reconciles BioJobs in parallel,
 * and two jobs must not both take the last slot. A job admitted here holds its slot in memory
 * until its status (written right after) shows it, and until it finishes.
 */
final class Admission {
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final Supplier<Stream<BioJob>> cache;
  private final int maxConcurrentWorkloads;

  Admission(Supplier<Stream<BioJob>> cache, int maxConcurrentWorkloads) {
    this.cache = cache;
    this.maxConcurrentWorkloads = maxConcurrentWorkloads;
  }

  /** Decides for a waiting job with the capacity it sees, reserving a slot if admitted. */
  synchronized Decision decide(BioJob self, Function<Capacity, Decision> policy) {
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
  void release(BioJob job, Consumer<BioJob> wake) {
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
