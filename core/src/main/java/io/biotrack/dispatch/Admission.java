package io.biotrack.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may start workloads now, across every job a dispatcher tracks: at most {@code
 * maxConcurrentWorkloads} workloads (and, where set, {@code maxCores} cores) at once, shared fairly
 * between the jobs that have shards to run — each job's fair share is the cap divided by the number
 * of such jobs, earlier jobs first when slots are short, and a share one job cannot use goes to the
 * others.
 *
 * <p>The operator reconciles jobs in parallel, so grants are taken one at a time and what a grant
 * hands out stays reserved for its job until the job's saved state shows it ({@link #settle}): two
 * jobs never both take the last slot.
 */
public final class Admission {
  /**
   * One tracked job as the dispatcher's ledger shows it.
   *
   * @param queuedAt when it entered the dispatcher (admission order)
   * @param workloads workloads it holds now (launched or being launched)
   * @param coresEach cores one of its workloads takes
   * @param wantsMore it has shards that are neither completed nor running
   */
  public record Entry(
      String jobId, Instant queuedAt, int workloads, double coresEach, boolean wantsMore) {}

  /** First queued first; among equal times (whole seconds in Kubernetes) the larger id, older. */
  public static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::queuedAt).thenComparing(Entry::jobId, Comparator.reverseOrder());

  private final int maxWorkloads;
  private final double maxCores;
  private final Map<String, Integer> reserved = new HashMap<>();

  /**
   * @param maxCores 0 for no core cap
   */
  public Admission(int maxWorkloads, double maxCores) {
    if (maxWorkloads < 1 || maxCores < 0) {
      throw new IllegalArgumentException("need maxWorkloads >= 1 and maxCores >= 0");
    }
    this.maxWorkloads = maxWorkloads;
    this.maxCores = maxCores;
  }

  public int maxWorkloads() {
    return maxWorkloads;
  }

  /**
   * How many new workloads {@code self} may start now (also 0 when it wants none); they stay
   * reserved for it until {@link #settle}.
   *
   * @param all every tracked job, {@code self} included or not
   */
  public synchronized int grant(Entry self, Collection<Entry> all) {
    Map<String, Entry> jobs = new HashMap<>();
    for (Entry entry : all) {
      jobs.put(entry.jobId(), entry);
    }
    jobs.put(self.jobId(), self);
    int used = 0;
    double coresUsed = 0;
    int wanting = 0;
    for (Entry entry : jobs.values()) {
      int holds = holds(entry);
      used += holds;
      coresUsed += holds * entry.coresEach();
      if (entry.wantsMore()) {
        wanting++;
      }
    }
    if (!self.wantsMore()) {
      return 0;
    }
    int free = maxWorkloads - used;
    if (maxCores > 0 && self.coresEach() > 0) {
      free = Math.min(free, (int) Math.floor((maxCores - coresUsed) / self.coresEach() + 1e-9));
    }
    if (free <= 0) {
      return 0;
    }
    int fair = (maxWorkloads + wanting - 1) / wanting;
    int mine = holds(self);
    // What jobs ahead of this one, or below their share, still have a claim on.
    int claimedByOthers = 0;
    for (Entry other : jobs.values()) {
      if (other.jobId().equals(self.jobId()) || !other.wantsMore()) {
        continue;
      }
      int short_ = Math.max(0, fair - holds(other));
      boolean ahead = ORDER.compare(other, self) < 0;
      if (mine >= fair || ahead) {
        claimedByOthers += short_;
      }
    }
    int grant =
        mine < fair ? Math.min(fair - mine, free - claimedByOthers) : free - claimedByOthers;
    grant = Math.max(0, grant);
    if (grant > 0) {
      reserved.merge(self.jobId(), grant, Integer::sum);
    }
    return grant;
  }

  /** The job's saved state now shows what it launched: its reservation ends. */
  public synchronized void settle(String jobId) {
    reserved.remove(jobId);
  }

  private int holds(Entry entry) {
    return entry.workloads() + reserved.getOrDefault(entry.jobId(), 0);
  }
}
