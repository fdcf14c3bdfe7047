package io.biotrack.dispatch;

/**
 * Where a dispatcher keeps one job's {@link DispatchState} between rounds: a BioJob's status in the
 * operator, a dispatch record in the embedded dispatcher. Only one dispatcher works on a job at a
 * time (a leader, a file lock), so saves are plain writes.
 */
public interface DispatchLedger {

  /**
   * Saves what a round left: its {@link DispatchEngine.Round#state()}, and whatever the adapter
   * shows of the rest (phase, counts, conditions, events, log lines).
   */
  void save(DispatchEngine.Round round);

  /** Forgets the job (its BioJob is deleted, its record removed). */
  void remove(String reason);
}
