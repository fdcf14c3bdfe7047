package io.biotrack.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/**
 * How busy the dispatcher is, as one waiting job sees it.
 *
 * @param activeWorkloads other jobs holding a slot (admitted and not finished)
 * @param waitingAhead other jobs waiting for a slot that come before this one
 */
public record Capacity(int activeWorkloads, int waitingAhead) {

  public Capacity {
    if (activeWorkloads < 0 || waitingAhead < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  /**
   * One job a dispatcher tracks, for counting.
   *
   * @param queuedAt when it entered the dispatcher (BioJob creation, dispatch record creation)
   * @param holdsSlot {@link DispatchState#holdsSlot()}
   * @param waiting it waits for admission (job QUEUED, not cancelled)
   */
  public record Entry(String jobId, Instant queuedAt, boolean holdsSlot, boolean waiting) {}

  /**
   * Admission order: first queued first; among equal times (Kubernetes timestamps have whole
   * seconds) the older job first, i.e. the larger id, since job ids count down in time.
   */
  public static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::queuedAt).thenComparing(Entry::jobId, Comparator.reverseOrder());

  /** Counts {@code all} (which may include {@code self}) as {@code self} sees it. */
  public static Capacity of(Entry self, Collection<Entry> all) {
    int active = 0;
    int ahead = 0;
    for (Entry other : all) {
      if (other.jobId().equals(self.jobId())) {
        continue;
      }
      if (other.holdsSlot()) {
        active++;
      } else if (other.waiting() && ORDER.compare(other, self) < 0) {
        ahead++;
      }
    }
    return new Capacity(active, ahead);
  }
}
