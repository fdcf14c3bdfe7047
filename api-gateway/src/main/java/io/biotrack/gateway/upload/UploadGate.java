package io.biotrack.gateway.upload;

import io.biotrack.gateway.job.JobStateConflictException;
import io.biotrack.job.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps a job's start and its uploads apart, so that the manifest a start freezes holds exactly the
 * uploads that finished before it: an upload registers here (after checking, under the job's lock,
 * that the job is still PENDING) before its body is read; a start waits until no upload of the job
 * is open and freezes the manifest under the same lock, so an upload either finished before the
 * start looked, or begins after it and finds the job started.
 *
 * <p>In memory, for one gateway process: the embedded platform has exactly one, and with several
 * gateway replicas uploads go straight to blob storage (the upload service re-checks the manifest
 * after storing as a last line for uploads sent through a replica with an API key).
 */
public final class UploadGate {
  private static final int STRIPES = 64;

  private final Object[] locks = new Object[STRIPES];

  /**
   * Open uploads per job: file name → how many uploads of it are open. Concurrent across jobs; each
   * job's inner map only changes under its stripe's lock.
   */
  private final Map<String, Map<String, Integer>> open = new ConcurrentHashMap<>();

  /** Starts waiting for a job's uploads to finish; guarded like {@link #open}. */
  private final Map<String, Integer> waiting = new ConcurrentHashMap<>();

  public UploadGate() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** One open upload; close it when the upload ends, however it ends. */
  public final class Ticket implements AutoCloseable {
    private final String jobId;
    private final String file;
    private boolean closed;

    private Ticket(String jobId, String file) {
      this.jobId = jobId;
      this.file = file;
    }

    @Override
    public void close() {
      Object lock = lockOf(jobId);
      synchronized (lock) {
        if (closed) {
          return;
        }
        closed = true;
        Map<String, Integer> files = open.get(jobId);
        files.computeIfPresent(file, (name, n) -> n == 1 ? null : n - 1);
        if (files.isEmpty()) {
          open.remove(jobId);
        }
        lock.notifyAll();
      }
    }
  }

  /**
   * Registers an upload of {@code file} to {@code jobId}.
   *
   * @param stillPending reads the job and throws (a {@link JobStateConflictException}) when it may
   *     no longer receive files; run under the job's lock, so no start is freezing meanwhile
   */
  public Ticket open(String jobId, String file, Runnable stillPending) {
    synchronized (lockOf(jobId)) {
      stillPending.run();
      open.computeIfAbsent(jobId, id -> new HashMap<>()).merge(file, 1, Integer::sum);
      return new Ticket(jobId, file);
    }
  }

  /**
   * Runs {@code start} once no upload of the job is open, holding the job's lock meanwhile (new
   * uploads wait for it and then find the job started).
   *
   * @param wait how long to wait for open uploads to finish
   * @throws JobStateConflictException if uploads are still open after {@code wait}
   */
  public <T> T whenQuiet(String jobId, Duration wait, Supplier<T> start) {
    Object lock = lockOf(jobId);
    synchronized (lock) {
      long deadline = System.nanoTime() + wait.toNanos();
      waiting.merge(jobId, 1, Integer::sum);
      try {
        while (open.containsKey(jobId)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw stillOpen(jobId, open.get(jobId));
          }
          try {
            lock.wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stillOpen(jobId, open.get(jobId));
          }
        }
      } finally {
        waiting.computeIfPresent(jobId, (id, n) -> n == 1 ? null : n - 1);
      }
      return start.get();
    }
  }

  /** Uploads of the job open now (for tests and metrics). */
  public int openUploads(String jobId) {
    synchronized (lockOf(jobId)) {
      Map<String, Integer> files = open.get(jobId);
      return files == null ? 0 : files.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Starts of the job waiting for its uploads now (for tests and metrics). */
  public int waitingStarts(String jobId) {
    synchronized (lockOf(jobId)) {
      return waiting.getOrDefault(jobId, 0);
    }
  }

  private static JobStateConflictException stillOpen(String jobId, Map<String, Integer> files) {
    List<String> names = new ArrayList<>(files.keySet());
    int count = files.values().stream().mapToInt(Integer::intValue).sum();
    String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
    return new JobStateConflictException(
        jobId,
        JobStatus.PENDING,
        (count == 1 ? "1 upload is" : count + " uploads are")
            + " still in progress ("
            + shown
            + (names.size() > 3 ? ", …" : "")
            + "); start the job once every upload has finished");
  }

  private Object lockOf(String jobId) {
    return locks[Math.floorMod(jobId.hashCode(), STRIPES)];
  }
}
