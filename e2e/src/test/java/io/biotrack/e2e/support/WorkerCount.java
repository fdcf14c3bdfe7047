package io.biotrack.e2e.support;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts a job's live worker processes every 100 ms from outside and keeps the most seen at once. */
public final class WorkerCount implements AutoCloseable {
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger most = new AtomicInteger();

  private WorkerCount(String jobId) {
    sampler.scheduleAtFixedRate(
        () -> most.accumulateAndGet(WorkerProcesses.of(jobId).size(), Math::max),
        0, 100, TimeUnit.MILLISECONDS);
  }

  public static WorkerCount of(String jobId) {
    return new WorkerCount(jobId);
  }

  public int most() {
    return most.get();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
