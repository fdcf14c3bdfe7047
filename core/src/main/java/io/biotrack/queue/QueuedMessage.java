package io.biotrack.queue;

/**
 * A message received from the queue and hidden from other consumers until its visibility timeout
 * ends.
 *
 * @param receipt proves this receive; needed to delete the message (Azure's pop receipt)
 * @param dequeueCount how many times the message has been received, this time included
 */
public record QueuedMessage(String id, String receipt, String body, long dequeueCount) {

  /**
   * @throws MalformedMessageException if the body is not a job message
   */
  public JobMessage jobMessage() {
    return JobMessage.parse(body);
  }
}
