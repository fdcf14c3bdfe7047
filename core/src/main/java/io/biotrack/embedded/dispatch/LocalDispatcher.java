package io.biotrack.embedded.dispatch;

import io.biotrack.dispatch.Admission;
import io.biotrack.dispatch.DispatchEngine;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.JobIntake;
import io.biotrack.embedded.launch.LocalProcessLauncher;
import io.biotrack.job.JobLogContext;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.queue.JobQueue;
import io.biotrack.storage.BlobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
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
 * ({@link JobIntake}, the operator's rules), and dispatches each tracked job with core's {@link
 * DispatchEngine} (the operator's too), running each shard's workers as child processes ({@link
 * LocalProcessLauncher}): up to the configured number of workers at once, shards of one job in
 * parallel, shared fairly between jobs.
 *
 * <p>Everything it needs to go on lives in the data directory (job records, dispatch records, the
 * launcher's pid files, the shards' checkpoints), so a restarted dispatcher carries on: a worker
 * still running is found again by its pid file, one that died is retried from its checkpoint. One
 * thread does all the dispatching, and a file lock keeps a second dispatcher off the same data
 * directory, so a shard never has two workers at once.
 */
public final class LocalDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalDispatcher.class);
  private static final long STOP_WAIT_SECONDS = 30;

  private final DispatchRecordStore records;
  private final JobIntake intake;
  private final LocalProcessLauncher launcher;
  private final DispatchEngine engine;
  private final LocalDispatcherSettings settings;
  private final Path lockFile;
  private final Clock clock;

  /** When each job is due for its next look; only the dispatching thread touches it. */
  private final Map<String, Instant> due = new HashMap<>();

  /** The records as of the last pass, kept current after every job's turn. */
  private final Map<String, DispatchRecord> current = new HashMap<>();

  private ScheduledExecutorService scheduler;
  private DispatcherLock lock;

  /** Whether {@link #close()} releases {@link #lock}: not one {@link #adopt adopted}. */
  private boolean ownsLock;

  /**
   * @param lockFile held while the dispatcher runs (in the data directory)
   */
  public LocalDispatcher(
      JobStore jobs,
      BlobStore blobs,
      JobQueue queue,
      DispatchRecordStore records,
      LocalProcessLauncher launcher,
      DispatchPolicy policy,
      LocalDispatcherSettings settings,
      Path lockFile,
      Clock clock) {
    this.records = records;
    this.launcher = launcher;
    this.settings = settings;
    this.lockFile = lockFile;
    this.clock = clock;
    this.intake =
        new JobIntake(
            queue,
            jobs,
            job ->
                records.createIfAbsent(
                    DispatchRecord.queued(job.tenant(), job.id(), clock.instant())));
    this.engine =
        new DispatchEngine(
            jobs,
            blobs,
            policy,
            new Admission(policy.settings().maxConcurrentWorkloads(), 0),
            clock);
  }

  /**
   * Takes the data directory's lock without dispatching yet, so a second platform on the same
   * directory is refused before it does anything else; {@link #start()} takes it if this was not
   * called. {@link #close()} releases it.
   *
   * @param holder how a second dispatcher should name this one ("process 1234, serving URL")
   * @throws DataDirectoryInUseException if another dispatcher holds the lock
   */
  public synchronized void claim(String holder) {
    if (lock == null) {
      lock = DispatcherLock.acquire(lockFile, holder);
      ownsLock = true;
    }
  }

  /**
   * Dispatches under the data directory's lock that the platform took before it opened anything
   * there (the database above all), so that a second platform is refused before it reaches the
   * first one's database. The platform keeps it: {@link #close()} leaves it held, for the platform
   * to release once it closed the database too.
   */
  public synchronized void adopt(DispatcherLock held) {
    if (!held.file().toAbsolutePath().equals(lockFile.toAbsolutePath())) {
      throw new IllegalArgumentException(
          "the lock of " + held.file() + " is not this dispatcher's " + lockFile);
    }
    if (lock != null && lock != held) {
      throw new IllegalStateException("this dispatcher holds its lock already");
    }
    lock = held;
    ownsLock = false;
  }

  /**
   * Takes the lock (unless {@link #claim claimed} or {@link #adopt adopted}) and dispatches in the
   * background until {@link #close()}.
   */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    claim("process " + ProcessHandle.current().pid());
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
      releaseLock(); // claimed, never started (the platform failed to start)
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
      log.info(
          "stopped {} worker(s); their shards resume from their checkpoints on the next start",
          stopped);
    }
    releaseLock();
    scheduler = null;
  }

  private void releaseLock() {
    if (lock != null && ownsLock) {
      lock.close();
    }
    lock = null;
  }

  /**
   * One pass: take new jobs from the queue, then look at every tracked job that is due, first
   * queued first. Called by the background thread; tests may call it directly instead of {@link
   * #start()}.
   */
  public void pass() {
    intake.drain(settings.intakeBatch(), settings.intakeVisibility());
    current.clear();
    for (DispatchRecord record : records.list()) {
      current.put(record.jobId(), record);
    }
    due.keySet().retainAll(current.keySet());
    Instant now = clock.instant();
    List<DispatchRecord> inOrder =
        current.values().stream()
            .sorted(Comparator.comparing(this::entry, Admission.ORDER))
            .toList();
    for (DispatchRecord record : inOrder) {
      Instant at = due.get(record.jobId());
      if (at != null && now.isBefore(at)) {
        continue;
      }
      try (JobLogContext ignored = JobLogContext.enter(record.tenant(), record.jobId())) {
        RecordLedger ledger = new RecordLedger(records, record);
        Instant next =
            engine.reconcile(
                tracked(record), record.state(), ledger, this::launcher, this::everyone);
        if (ledger.removed()) {
          current.remove(record.jobId());
          due.remove(record.jobId());
        } else {
          current.put(record.jobId(), ledger.record());
          due.put(record.jobId(), next);
        }
      } catch (RuntimeException e) {
        log.warn("dispatching job {} failed; trying again: {}", record.jobId(), e.toString());
        due.put(record.jobId(), now.plus(settings.interval()));
      }
    }
  }

  /** Workers running now, as of the last pass. */
  public long activeWorkloads() {
    return current.values().stream().mapToLong(r -> r.state().workloads()).sum();
  }

  /** Jobs waiting for their first worker, as of the last pass. */
  public long waitingJobs() {
    return current.values().stream()
        .filter(r -> r.state().admittedAt() == null && r.state().finishedAt() == null)
        .count();
  }

  public int maxWorkers() {
    return engine.policy().settings().maxConcurrentWorkloads();
  }

  private DispatchEngine.Tracked tracked(DispatchRecord record) {
    return new DispatchEngine.Tracked(
        record.jobId(),
        record.tenant(),
        record.queuedAt(),
        false,
        settings.limits(),
        settings.resources(),
        null,
        LocalProcessLauncher.KIND);
  }

  private Admission.Entry entry(DispatchRecord record) {
    return record.state().entry(record.jobId(), record.queuedAt(), settings.resources().cpu());
  }

  private Collection<Admission.Entry> everyone() {
    return current.values().stream().map(this::entry).toList();
  }

  private WorkerLauncher launcher(String kind) {
    if (!LocalProcessLauncher.KIND.equals(kind)) {
      throw new LaunchRejectedException(
          "the embedded platform runs only local workers, not " + kind);
    }
    return launcher;
  }

  private void passSafely() {
    try {
      pass();
    } catch (RuntimeException e) {
      log.warn("dispatch pass failed; trying again: {}", e.toString());
    }
  }
}
