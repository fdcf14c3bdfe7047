package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecodeBudgetTest {
  private static final long MB = 1_000_000;
  private static final long MIB = 1 << 20;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void keepsFortyPercentOfTheHeapAndAtLeast64MiBForEverythingElse() {
    assertThat(DecodeBudget.forHeap(300L << 20).bytes()).isEqualTo(180L << 20);
    assertThat(DecodeBudget.forHeap(2048L << 20).bytes()).isBetween(1228L << 20, 1229L << 20);
    assertThat(DecodeBudget.forHeap(128L << 20).bytes()).isEqualTo(64L << 20);
    assertThat(DecodeBudget.forHeap(32L << 20).bytes()).isZero();
  }

  @Test
  void aDecodeLargerThanTheWholeBudgetIsRefusedWithWhatItNeeds() {
    DecodeBudget budget = DecodeBudget.forHeap(300L << 20);

    assertThatThrownBy(() -> budget.acquire(513_900_032))
        .isInstanceOf(ImageAccessException.class)
        .hasMessage(
            "needs 514 MB to decode, the worker's budget is 188 MB; give the worker more memory");
  }

  @Test
  void smallDecodesShareTheBudgetAndWaitWhenItIsSpent() throws Exception {
    DecodeBudget budget = new DecodeBudget(100 * MIB);
    DecodeBudget.Permit first = budget.acquire(20 * MIB);
    DecodeBudget.Permit second = budget.acquire(20 * MIB);
    DecodeBudget.Permit third = budget.acquire(20 * MIB);
    DecodeBudget.Permit fourth = budget.acquire(20 * MIB);
    assertThat(first.large()).isFalse();

    Future<DecodeBudget.Permit> fifth = threads.submit(() -> budget.acquire(25 * MIB));

    assertWaiting(budget, 1, fifth);
    first.close();
    assertThat(fifth.get()).isNotNull();
    first.close(); // closing twice gives nothing back twice
    for (DecodeBudget.Permit p : new DecodeBudget.Permit[] {second, third, fourth, fifth.get()}) {
      p.close();
    }
    assertThat(budget.acquire(100 * MIB).large()).isTrue();
  }

  @Test
  void aLargeDecodeRunsAloneAndOthersQueueBehindIt() throws Exception {
    DecodeBudget budget = new DecodeBudget(100 * MIB);
    assertThat(budget.isLarge(25 * MIB)).isFalse();
    assertThat(budget.isLarge(25 * MIB + 1)).isTrue();
    DecodeBudget.Permit small = budget.acquire(10 * MIB);

    Future<DecodeBudget.Permit> large = threads.submit(() -> budget.acquire(30 * MIB));
    assertWaiting(budget, 1, large);
    // First come, first served: a small decode asking now waits behind the large one, although
    // 90 MiB are free.
    Future<DecodeBudget.Permit> later = threads.submit(() -> budget.acquire(MIB));
    assertWaiting(budget, 2, later);

    small.close();
    DecodeBudget.Permit running = large.get();
    assertThat(running.large()).isTrue();
    Future<DecodeBudget.Permit> secondLarge = threads.submit(() -> budget.acquire(30 * MIB));
    assertWaiting(budget, 2, later);
    assertThat(secondLarge).isNotDone();

    running.close();
    later.get().close();
    assertThat(secondLarge.get().large()).isTrue();
  }

  @Test
  void theOverridePropertyIsInMegabytes() {
    String old = System.getProperty(DecodeBudget.OVERRIDE_PROPERTY);
    System.setProperty(DecodeBudget.OVERRIDE_PROPERTY, "2000");
    try {
      assertThat(DecodeBudget.forThisJvm().bytes()).isBetween(2000 * MB - 1024, 2000 * MB);
    } finally {
      if (old == null) {
        System.clearProperty(DecodeBudget.OVERRIDE_PROPERTY);
      } else {
        System.setProperty(DecodeBudget.OVERRIDE_PROPERTY, old);
      }
    }
  }

  /** {@code queued} threads wait in the budget's queue, {@code acquisition}'s among them. */
  private static void assertWaiting(
      DecodeBudget budget, int queued, Future<DecodeBudget.Permit> acquisition) {
    await().atMost(Duration.ofSeconds(5)).until(() -> budget.queued() == queued);
    assertThat(acquisition).isNotDone();
  }
}
