package io.biotrack.embedded.dispatch;

import java.util.List;

/**
 * The embedded dispatcher's records. Only one dispatcher writes them (it holds the {@link
 * DispatcherLock}), so writes are plain; the table is the dispatcher's memory across restarts.
 */
public interface DispatchRecordStore {

  /** Stores {@code record} unless the job has one already. @return true if it was stored */
  boolean createIfAbsent(DispatchRecord record);

  /** Every record, in no particular order. */
  List<DispatchRecord> list();

  /** Replaces the state of an existing record. */
  void save(DispatchRecord record);

  void delete(String tenant, String jobId);
}
