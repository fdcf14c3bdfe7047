package io.biotrack.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The job queue ({@code biotrack-jobs}) with its poison queue ({@code biotrack-jobs-poison}).
 * At-least-once: a received message comes back after its visibility timeout unless deleted.
 */
public interface JobQueue {

  /** Enqueues a raw body. Consumers must tolerate bodies that are not job messages. */
  void send(String body);

  /** Receives up to {@code max} visible messages and hides them for {@code visibility}. */
  List<QueuedMessage> fetch(int max, Duration visibility);

  /** Deletes a received message. A stale receipt (the message was received again) is ignored. */
  void delete(QueuedMessage message);

  /** Moves a received message to the poison queue. */
  void moveToPoison(QueuedMessage message);

  /** The bodies in the poison queue, oldest first, without removing them. */
  List<String> peekPoison(int max);

  /** Messages received more often than this go to the poison queue on their next receive. */
  int maxDequeueCount();

  default void send(JobMessage message) {
    send(message.toJson());
  }

  /**
   * {@link #fetch}, but messages already received more than {@link #maxDequeueCount()} times are
   * moved to the poison queue instead of being returned: a message that keeps crashing its consumer
   * stops coming back.
   */
  default List<QueuedMessage> receive(int max, Duration visibility) {
    List<QueuedMessage> usable = new ArrayList<>();
    for (QueuedMessage message : fetch(max, visibility)) {
      if (message.dequeueCount() > maxDequeueCount()) {
        moveToPoison(message);
      } else {
        usable.add(message);
      }
    }
    return usable;
  }
}
