package io.biotrack.adapter.azure;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import io.biotrack.queue.JobQueue;
import io.biotrack.queue.QueuedMessage;
import java.time.Duration;
import java.util.List;

/**
 * The job queue on Azure Storage Queues, with its poison queue ({@code {name}-poison}). Bodies are
 * sent as plain text (the clients use no Base64 encoding): the JSON job message is the message
 * text.
 */
public final class AzureJobQueue implements JobQueue {
  private static final int MAX_FETCH = 32;

  private final QueueClient queue;
  private final QueueClient poison;
  private final int maxDequeueCount;

  /** Creates both queues if they do not exist. */
  public AzureJobQueue(QueueClient queue, QueueClient poison, int maxDequeueCount) {
    this.queue = queue;
    this.poison = poison;
    this.maxDequeueCount = maxDequeueCount;
    queue.createIfNotExists();
    poison.createIfNotExists();
  }

  @Override
  public void send(String body) {
    queue.sendMessage(body);
  }

  @Override
  public List<QueuedMessage> fetch(int max, Duration visibility) {
    if (max < 1 || max > MAX_FETCH) {
      throw new IllegalArgumentException("max must be between 1 and " + MAX_FETCH);
    }
    if (visibility.toSeconds() < 1) {
      throw new IllegalArgumentException("visibility timeout must be at least one second");
    }
    return queue.receiveMessages(max, visibility, null, null).stream()
        .map(AzureJobQueue::toMessage)
        .toList();
  }

  @Override
  public void delete(QueuedMessage message) {
    try {
      queue.deleteMessage(message.id(), message.receipt());
    } catch (QueueStorageException e) {
      // 404: already deleted or received again (the receipt changed); 400: a foreign receipt.
      if (e.getStatusCode() != 404 && e.getStatusCode() != 400) {
        throw e;
      }
    }
  }

  @Override
  public void moveToPoison(QueuedMessage message) {
    // Send first, then delete: a crash in between leaves a duplicate in poison, never a loss.
    poison.sendMessage(message.body());
    delete(message);
  }

  @Override
  public List<String> peekPoison(int max) {
    return poison.peekMessages(Math.min(max, MAX_FETCH), null, null).stream()
        .map(PeekedMessageItem::getBody)
        .map(Object::toString)
        .toList();
  }

  @Override
  public int maxDequeueCount() {
    return maxDequeueCount;
  }

  private static QueuedMessage toMessage(QueueMessageItem item) {
    return new QueuedMessage(
        item.getMessageId(),
        item.getPopReceipt(),
        item.getBody().toString(),
        item.getDequeueCount());
  }
}
