package io.biotrack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.biotrack.job.JobIds;
import io.biotrack.queue.JobMessage;
import io.biotrack.queue.JobQueue;
import io.biotrack.queue.QueuedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} adapter must do. {@link #newQueue} gives each test a fresh, empty
 * queue (and poison queue). Visibility timeouts are whole seconds, as in Azure.
 */
public abstract class JobQueueContract {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration SHORT = Duration.ofSeconds(1);

  /** A new empty queue that moves messages to poison after {@code maxDequeue} receives. */
  protected abstract JobQueue newQueue(int maxDequeue);

  private static JobMessage message() {
    return JobMessage.of(JobIds.system().next(), "tenant-a");
  }

  @Test
  void aSentMessageIsReceivedWithItsBodyUnchanged() {
    JobQueue queue = newQueue(5);
    JobMessage sent = message();
    queue.send(sent);
    List<QueuedMessage> received = queue.receive(10, LONG);
    assertThat(received).hasSize(1);
    QueuedMessage got = received.get(0);
    assertThat(got.body()).as("plain JSON text, no Base64").isEqualTo(sent.toJson());
    assertThat(got.jobMessage()).isEqualTo(sent);
    assertThat(got.dequeueCount()).isEqualTo(1);
    assertThat(got.id()).isNotBlank();
    assertThat(got.receipt()).isNotBlank();
  }

  @Test
  void aReceivedMessageIsHiddenUntilDeleted() {
    JobQueue queue = newQueue(5);
    queue.send(message());
    QueuedMessage got = queue.receive(1, LONG).get(0);
    assertThat(queue.receive(10, LONG)).isEmpty();
    queue.delete(got);
    assertThat(queue.receive(10, SHORT)).isEmpty();
  }

  @Test
  void aMessageComesBackAfterItsVisibilityTimeoutWithAHigherDequeueCount() {
    JobQueue queue = newQueue(5);
    JobMessage sent = message();
    queue.send(sent);
    QueuedMessage first = queue.receive(1, SHORT).get(0);
    assertThat(queue.receive(1, SHORT)).as("hidden right after the receive").isEmpty();

    List<QueuedMessage> again = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> again.addAll(queue.receive(1, LONG)));
    QueuedMessage second = again.get(0);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.jobMessage()).isEqualTo(sent);
    assertThat(second.dequeueCount()).isEqualTo(2);
    assertThat(second.receipt()).isNotEqualTo(first.receipt());

    // The first receiver's receipt is stale now: its delete must not remove the message.
    queue.delete(first);
    queue.delete(second);
    assertThat(queue.receive(1, SHORT)).isEmpty();
  }

  @Test
  void aStaleReceiptDoesNotDeleteARedeliveredMessage() {
    JobQueue queue = newQueue(5);
    queue.send(message());
    QueuedMessage first = queue.receive(1, SHORT).get(0);
    List<QueuedMessage> again = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> again.addAll(queue.receive(1, SHORT)));
    queue.delete(first);
    List<QueuedMessage> third = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> third.addAll(queue.receive(1, LONG)));
    assertThat(third.get(0).dequeueCount()).isEqualTo(3);
  }

  @Test
  void aMessageReceivedMoreThanMaxTimesGoesToThePoisonQueue() {
    int max = 2;
    JobQueue queue = newQueue(max);
    String body = "{\"version\":1,\"jobId\":\"not-a-job\"}";
    queue.send(body);
    for (int receive = 1; receive <= max; receive++) {
      List<QueuedMessage> got = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> got.addAll(queue.receive(1, SHORT)));
      assertThat(got.get(0).dequeueCount()).isEqualTo(receive);
      assertThat(got.get(0).body()).isEqualTo(body);
    }
    // The next receive finds it received max times already and moves it instead of returning it.
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> queue.receive(1, SHORT).isEmpty() && queue.peekPoison(10).contains(body));
    assertThat(queue.peekPoison(10)).containsExactly(body);
    assertThat(queue.peekPoison(10)).as("peeking does not remove").containsExactly(body);
    // Gone from the main queue for good.
    await()
        .during(Duration.ofMillis(2500))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> queue.receive(1, SHORT).isEmpty());
  }

  @Test
  void moveToPoisonKeepsTheBodyAndOrder() {
    JobQueue queue = newQueue(5);
    queue.send("first, not JSON");
    queue.send("{\"second\":true}");
    List<QueuedMessage> got = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              got.addAll(queue.receive(2, LONG));
              return got.size() == 2;
            });
    got.sort(java.util.Comparator.comparing(m -> m.body().startsWith("first") ? 0 : 1));
    queue.moveToPoison(got.get(0));
    queue.moveToPoison(got.get(1));
    assertThat(queue.peekPoison(10)).containsExactly("first, not JSON", "{\"second\":true}");
    assertThat(queue.receive(10, SHORT)).isEmpty();
  }

  @Test
  void receivesAtMostMaxAndEachMessageOnce() {
    JobQueue queue = newQueue(5);
    Set<String> sent = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      JobMessage m = message();
      sent.add(m.toJson());
      queue.send(m);
    }
    List<QueuedMessage> first = queue.receive(4, LONG);
    assertThat(first).hasSize(4);
    List<QueuedMessage> rest = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              rest.addAll(queue.receive(10, LONG));
              return first.size() + rest.size() == 7;
            });
    Set<String> bodies = new HashSet<>();
    first.forEach(m -> bodies.add(m.body()));
    rest.forEach(m -> bodies.add(m.body()));
    assertThat(bodies).isEqualTo(sent);
  }

  @Test
  void concurrentConsumersNeverGetTheSameMessage() throws Exception {
    JobQueue queue = newQueue(5);
    int count = 20;
    for (int i = 0; i < count; i++) {
      queue.send(message());
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Callable<List<String>> consumer =
          () -> {
            List<String> ids = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int emptyInARow = 0;
            while (System.nanoTime() < deadline && emptyInARow < 3) {
              List<QueuedMessage> got = queue.receive(3, LONG);
              emptyInARow = got.isEmpty() ? emptyInARow + 1 : 0;
              for (QueuedMessage m : got) {
                ids.add(m.id());
                queue.delete(m);
              }
            }
            return ids;
          };
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(pool.submit(consumer));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(count).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyQueueReturnsNothing() {
    JobQueue queue = newQueue(5);
    assertThat(queue.receive(32, SHORT)).isEmpty();
    assertThat(queue.peekPoison(5)).isEmpty();
  }
}
