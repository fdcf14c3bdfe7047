package io.biotrack.embedded.dispatch;

import io.biotrack.dispatch.Decision;
import io.biotrack.dispatch.DispatchEngine;
import io.biotrack.dispatch.DispatchLedger;
import io.biotrack.launch.WorkloadHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded dispatcher's {@link DispatchLedger}: a job's dispatch record in the local database,
 * and a log line for each thing worth telling the person at the console.
 */
final class RecordLedger implements DispatchLedger {
  private static final Logger log = LoggerFactory.getLogger(RecordLedger.class);

  private final DispatchRecordStore records;
  private DispatchRecord record;
  private boolean removed;

  RecordLedger(DispatchRecordStore records, DispatchRecord record) {
    this.records = records;
    this.record = record;
  }

  DispatchRecord record() {
    return record;
  }

  boolean removed() {
    return removed;
  }

  @Override
  public void save(DispatchEngine.Round round) {
    if (!round.state().equals(record.state())) {
      record = record.withState(round.state());
      records.save(record);
    }
    if (!round.ahead()) {
      report(round);
    }
  }

  @Override
  public void remove(String reason) {
    log.debug("forgetting job {}: {}", record.jobId(), reason);
    records.delete(record.tenant(), record.jobId());
    removed = true;
  }

  private static void report(DispatchEngine.Round round) {
    String job = round.tracked().jobId();
    if (round.deferral() != null) {
      log.warn("job {}: launching is delayed: {}", job, round.deferral().message());
    }
    for (Decision decision : round.decisions()) {
      if (decision instanceof Decision.Launch launch) {
        WorkloadHandle workload =
            round.state().shard(launch.shard()).map(s -> s.workload()).orElse(null);
        if (workload != null && workload.id() != null) {
          log.info(
              "job {}: shard {} attempt {} runs as process {}",
              job,
              launch.shard(),
              launch.attempt(),
              workload.id());
        }
      } else if (decision instanceof Decision.EndAttempt end && end.failure() != null) {
        if (end.stopped()) {
          log.info("job {}: {}", job, end.failure()); // Ctrl-C: nothing went wrong
        } else {
          log.warn("job {}: {}", job, end.failure());
        }
      } else if (decision instanceof Decision.Fail fail) {
        log.warn("job {}: FAILED: {}", job, fail.message());
      } else if (decision instanceof Decision.Finish finish) {
        log.info("job {}: {}", job, finish.outcome());
      }
    }
  }
}
