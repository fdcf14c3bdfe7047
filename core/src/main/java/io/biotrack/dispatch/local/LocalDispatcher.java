package io.biotrack.dispatch.local;

import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.JobIntake;
import io.biotrack.job.JobStore;
import io.biotrack.launch.local.LocalProcessLauncher;
import io.biotrack.queue.JobQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded counterpart of the operator: drains the local job queue into dispatch records
 * ({@link JobIntake}, the operator's rules), and dispatches each tracked job with the operator's
 * {@link DispatchPolicy}, running workers as child processes ({@link LocalProcessLauncher}).
 *
 * <p>Everything it needs to go on lives in the data directory (job records, dispatch records, the
 * launcher's pid files), so a restarted dispatcher carries on: a worker still running is found
 * again by its pid file, one that died is retried from its checkpoint. One thread does all the
 * dispatching, and a file lock keeps a second dispatcher off the same data directory, so a job
 * never has two workers at once.
 */
public final class LocalDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalDispatcher.class);
  private static final long STOP_WAIT_SECONDS = 30;

  private final DispatchRecordStore records;
  private final JobIntake intake;
  private final LocalProcessLauncher launcher;
  private final DispatchPolicy policy;
  private final LocalDispatcherSettings settings;
  private final LocalAdmission admission = new LocalAdmission();
  private final RecordReconciler reconciler;
  private final Path lockFile;
  private final Clock clock;
  /** When each job is due for its next look; only the dispatching thread touches it. */
  private final Map<String, Instant> due = new HashMap<>();
  private ScheduledExecutorService scheduler;
  private DispatcherLock lock;

  /**
   * @param lockFile held while the dispatcher runs (in the data directory)
   */
  public LocalDispatcher(
      JobStore jobs,
      JobQueue queue,
      DispatchRecordStore records,
      LocalProcessLauncher launcher,
      DispatchPolicy policy,
      LocalDispatcherSettings settings,
      Path lockFile,
      Clock clock) {
    this.records = records;
    this.launcher = launcher;
    this.policy = policy;
    this.settings = settings;
    this.lockFile = lockFile;
    this.clock = clock;
    this.intake =
        new JobIntake(
            queue,
            jobs,
            job -> records.createIfAbsent(DispatchRecord.queued(job.tenant(), job.id(), clock.instant())));
    this.reconciler =
        new RecordReconciler(jobs, records, launcher, policy, settings, admission, clock);
  }

  /** Takes the lock and dispatches in the background until {@link #close()}. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    lock = DispatcherLock.acquire(lockFile);
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "local-dispatcher");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::passSafely, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    log.info("dispatching jobs: at most {} workers at once", maxWorkers());
  }

  /** Stops dispatching, then stops the workers it started and releases the lock. */
  @Override
  public synchronized void close() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    int stopped = launcher.stopAll();
    if (stopped > 0) {
      log.info("stopped {} worker(s); their jobs resume from checkpoints on the next start", stopped);
    }
    lock.close();
    scheduler = null;
  }

  /**
   * One pass: take new jobs from the queue, then look at every tracked job that is due, first
   * queued first. Called by the background thread; tests may call it directly instead of {@link
   * #start()}.
   */
  public void pass() {
    intake.drain(settings.intakeBatch(), settings.intakeVisibility());
    List<DispatchRecord> all = records.list();
    admission.reset(all);
    due.keySet().retainAll(all.stream().map(DispatchRecord::jobId).toList());
    Instant now = clock.instant();
    for (DispatchRecord record : LocalAdmission.inOrder(all)) {
      Instant at = due.get(record.jobId());
      if (at != null && now.isBefore(at)) {
        continue;
      }
      try {
        Instant next = reconciler.reconcile(record);
        if (next == null) {
          due.remove(record.jobId());
        } else {
          due.put(record.jobId(), next);
        }
      } catch (RuntimeException e) {
        log.warn("dispatching job {} failed; trying again: {}", record.jobId(), e.toString());
        due.put(record.jobId(), now.plus(settings.interval()));
      }
    }
  }

  /** Jobs holding a worker slot, as of the last pass. */
  public long activeWorkloads() {
    return admission.active();
  }

  /** Jobs waiting for a worker slot, as of the last pass. */
  public long waitingJobs() {
    return admission.waiting();
  }

  public int maxWorkers() {
    return policy.settings().maxConcurrentWorkloads();
  }

  private void passSafely() {
    try {
      pass();
    } catch (RuntimeException e) {
      log.warn("dispatch pass failed; trying again: {}", e.toString());
    }
  }
}
