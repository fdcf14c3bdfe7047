package io.biotrack.dispatch.local;

import io.biotrack.dispatch.Capacity;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The capacity each tracked job sees, from the dispatcher's records. Jobs are dispatched one at
 * a time by one thread, so counting from records kept current after every step is exact: two
 * jobs never both take the last slot.
 */
final class LocalAdmission {
  private final Map<String, Capacity.Entry> entries = new ConcurrentHashMap<>();

  /** Forgets everything and counts {@code records} afresh. */
  void reset(Collection<DispatchRecord> records) {
    entries.clear();
    records.forEach(this::update);
  }

  void update(DispatchRecord record) {
    entries.put(record.jobId(), entry(record));
  }

  void remove(String jobId) {
    entries.remove(jobId);
  }

  Capacity capacityFor(DispatchRecord record) {
    return Capacity.of(entry(record), entries.values());
  }

  /** The records in admission order: first queued first. */
  static List<DispatchRecord> inOrder(Collection<DispatchRecord> records) {
    return records.stream()
        .sorted((a, b) -> Capacity.ORDER.compare(entry(a), entry(b)))
        .toList();
  }

  /** Jobs that hold a workload slot now. */
  long active() {
    return entries.values().stream().filter(Capacity.Entry::holdsSlot).count();
  }

  /** Jobs waiting for a slot now. */
  long waiting() {
    return entries.values().stream().filter(Capacity.Entry::waiting).count();
  }

  /**
   * A record without an attempt that is not finished waits for admission: records are made only
   * for started jobs, so its job is QUEUED (or was just cancelled, which its next step notes).
   */
  private static Capacity.Entry entry(DispatchRecord record) {
    boolean holds = record.state().holdsSlot();
    boolean waiting = !holds && record.state().attempt() == 0 && record.state().finishedAt() == null;
    return new Capacity.Entry(record.jobId(), record.queuedAt(), holds, waiting);
  }
}
