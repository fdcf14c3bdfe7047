package io.biotrack.gateway.job;

import io.biotrack.gateway.metrics.GatewayMetrics;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts jobs finishing (COMPLETED, FAILED), which workers and the operator write, not the gateway.
 * It follows the jobs this gateway started plus every running job it finds on each {@link #poll},
 * and counts a job once when it is seen terminal. Cancellations are counted where they happen
 * ({@link JobService#cancel}).
 */
public class JobOutcomeTracker {
  private static final JobStatus[] RUNNING = {
    JobStatus.QUEUED, JobStatus.LAUNCHING, JobStatus.PROCESSING
  };

  private record Key(String tenant, String jobId) {}

  private final JobScan scan;
  private final JobStore jobStore;
  private final GatewayMetrics metrics;
  private final Map<Key, Boolean> watched = new ConcurrentHashMap<>();

  public JobOutcomeTracker(JobScan scan, JobStore jobStore, GatewayMetrics metrics) {
    this.scan = scan;
    this.jobStore = jobStore;
    this.metrics = metrics;
  }

  public void watch(Job job) {
    watched.put(new Key(job.tenant(), job.id()), Boolean.TRUE);
  }

  /** Counts watched jobs that finished since the last poll and picks up new running jobs. */
  public synchronized void poll() {
    Map<Key, Boolean> running = new HashMap<>();
    for (JobStatus status : RUNNING) {
      for (Job job : scan.inStatus(status)) {
        running.put(new Key(job.tenant(), job.id()), Boolean.TRUE);
      }
    }
    for (Key key : watched.keySet()) {
      if (running.containsKey(key)) {
        continue;
      }
      Optional<Job> job = jobStore.find(key.tenant(), key.jobId());
      if (job.isEmpty() || job.get().isTerminal()) {
        job.map(Job::status).ifPresent(this::count);
        watched.remove(key);
      }
    }
    watched.putAll(running);
  }

  private void count(JobStatus finished) {
    if (finished == JobStatus.COMPLETED) {
      metrics.jobCompleted();
    } else if (finished == JobStatus.FAILED) {
      metrics.jobFailed();
    }
  }
}
