package io.biotrack.e2e.support;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a job's live worker processes every 100 ms from outside and keeps the most seen at once,
 * in all and of any one shard.
 */
public final class WorkerCount implements AutoCloseable {
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger most = new AtomicInteger();
  private final AtomicInteger mostOfOneShard = new AtomicInteger();

  private WorkerCount(String jobId) {
    sampler.scheduleAtFixedRate(
        () -> {
          java.util.List<ProcessHandle> workers = WorkerProcesses.of(jobId);
          most.accumulateAndGet(workers.size(), Math::max);
          workers.stream()
              .collect(
                  java.util.stream.Collectors.groupingBy(
                      WorkerProcesses::shardOf, java.util.stream.Collectors.counting()))
              .values()
              .forEach(count -> mostOfOneShard.accumulateAndGet(count.intValue(), Math::max));
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
  }

  public static WorkerCount of(String jobId) {
    return new WorkerCount(jobId);
  }

  public int most() {
    return most.get();
  }

  /** The most workers seen at once for one shard (a shard never has two). */
  public int mostOfOneShard() {
    return mostOfOneShard.get();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
