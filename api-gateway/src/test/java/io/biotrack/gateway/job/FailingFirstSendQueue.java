package io.biotrack.gateway.job;

import io.biotrack.queue.JobQueue;
import io.biotrack.queue.QueuedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real queue, except that its first {@code send} fails as if the process died or the queue was
 * unreachable between the PENDING → QUEUED write and the enqueue.
 */
public final class FailingFirstSendQueue implements JobQueue {
  private final JobQueue real;
  private final AtomicInteger failuresLeft = new AtomicInteger(1);

  public FailingFirstSendQueue(JobQueue real) {
    this.real = real;
  }

  public void failNextSend() {
    failuresLeft.set(1);
  }

  @Override
  public void send(String body) {
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("queue unreachable (test)");
    }
    real.send(body);
  }

  @Override
  public List<QueuedMessage> fetch(int max, Duration visibility) {
    return real.fetch(max, visibility);
  }

  @Override
  public void delete(QueuedMessage message) {
    real.delete(message);
  }

  @Override
  public void moveToPoison(QueuedMessage message) {
    real.moveToPoison(message);
  }

  @Override
  public List<String> peekPoison(int max) {
    return real.peekPoison(max);
  }

  @Override
  public int maxDequeueCount() {
    return real.maxDequeueCount();
  }
}
