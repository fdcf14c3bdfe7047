package io.biotrack.operator.launch.aci;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CreationRateLimitTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** A clock the test moves. */
  static final class Hands extends Clock {
    Instant now = T0;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aSlidingHourHoldsAtMostTheLimit() {
    Hands clock = new Hands();
    CreationRateLimit limit = new CreationRateLimit(2, clock);

    assertThat(limit.tryAcquire("a")).isEmpty();
    clock.now = T0.plus(Duration.ofMinutes(20));
    assertThat(limit.tryAcquire("b")).isEmpty();
    assertThat(limit.tryAcquire("c")).contains(T0.plus(Duration.ofHours(1)));
    assertThat(limit.tryAcquire("a")).as("the same group again is no creation").isEmpty();

    clock.now = T0.plus(Duration.ofMinutes(61));
    assertThat(limit.tryAcquire("c")).isEmpty();
    assertThat(limit.used()).isEqualTo(2);
  }

  @Test
  void groupsSeenCountOnceAndAReleasedCreationFreesItsPlace() {
    Hands clock = new Hands();
    CreationRateLimit limit = new CreationRateLimit(2, clock);
    limit.seen("a", T0.minus(Duration.ofMinutes(30)));
    limit.seen("a", T0.minus(Duration.ofMinutes(30)));
    limit.seen("old", T0.minus(Duration.ofHours(2)));

    assertThat(limit.tryAcquire("b")).isEmpty();
    assertThat(limit.tryAcquire("c")).contains(T0.plus(Duration.ofMinutes(30)));
    limit.release("b"); // its PUT failed: nothing was created
    assertThat(limit.tryAcquire("c")).isEmpty();
  }
}
