package io.biotrack.gateway.job;

import io.biotrack.job.Job;
import io.biotrack.job.JobLogContext;
import io.biotrack.job.JobStatus;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sends the queue message of jobs (of any tenant) that have sat in QUEUED longer than {@code
 * stuckAfter}: the recovery half of {@link JobStarter}'s "transition, then enqueue". A job waiting
 * for capacity also sits in QUEUED; its consumer already has it and deletes the duplicate, and this
 * sweeper re-sends for one job at most once per {@code stuckAfter}.
 */
public class QueuedJobSweeper {
  private static final Logger log = LoggerFactory.getLogger(QueuedJobSweeper.class);

  private final JobScan scan;
  private final JobQueue queue;
  private final Clock clock;
  private final Duration stuckAfter;
  private final Map<String, Instant> lastResent = new ConcurrentHashMap<>();

  public QueuedJobSweeper(JobScan scan, JobQueue queue, Clock clock, Duration stuckAfter) {
    this.scan = scan;
    this.queue = queue;
    this.clock = clock;
    this.stuckAfter = stuckAfter;
  }

  /**
   * @return how many messages were re-sent
   */
  public int sweep() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(stuckAfter);
    Set<String> stuckIds = new HashSet<>();
    int resent = 0;
    for (Job job : scan.inStatus(JobStatus.QUEUED, cutoff)) {
      stuckIds.add(job.id());
      Instant previous = lastResent.get(job.id());
      boolean dueAgain = previous == null || !previous.isAfter(cutoff);
      if (dueAgain) {
        try (JobLogContext ignored = JobLogContext.enter(job.tenant(), job.id())) {
          queue.send(JobMessage.of(job.id(), job.tenant()));
          lastResent.put(job.id(), now);
          resent++;
        } catch (RuntimeException e) {
          log.warn("could not re-send the message of QUEUED job {}: {}", job.id(), e.toString());
        }
      }
    }
    // A job re-sent before is still QUEUED with the same update time, so still listed: keep
    // only those; the others moved on.
    lastResent.keySet().retainAll(stuckIds);
    if (resent > 0) {
      log.info("re-sent the queue message of {} job(s) stuck in QUEUED", resent);
    }
    return resent;
  }
}
