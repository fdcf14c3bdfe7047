package io.biotrack.operator.launch.aci;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code perHour} container group creations in any hour (a sliding window): ACI allows 300
 * creations per hour per subscription, and a launch past that fails only after ARM was asked.
 * Creations are counted by group name, so one seen twice (created here, then listed with its
 * creation tag) counts once; a restarted operator seeds the window from the tags of the groups that
 * still exist ({@link #seen}). Groups created and already deleted within the hour before a restart
 * are not seen: the limit then errs by those few, and ARM's own 429 still defers.
 */
public final class CreationRateLimit {
  static final Duration WINDOW = Duration.ofHours(1);

  private final int perHour;
  private final Clock clock;
  private final Map<String, Instant> creations = new HashMap<>();

  public CreationRateLimit(int perHour, Clock clock) {
    if (perHour < 1) {
      throw new IllegalArgumentException("perHour must be at least 1");
    }
    this.perHour = perHour;
    this.clock = clock;
  }

  public int perHour() {
    return perHour;
  }

  /** A group that exists and was created at {@code createdAt} (from its tag). */
  public synchronized void seen(String group, Instant createdAt) {
    creations.putIfAbsent(group, createdAt);
  }

  /**
   * Takes one creation for {@code group} if the last hour has room.
   *
   * @return empty when taken; otherwise when the next creation may happen
   */
  public synchronized Optional<Instant> tryAcquire(String group) {
    Instant now = clock.instant();
    Instant since = now.minus(WINDOW);
    creations.values().removeIf(at -> !at.isAfter(since));
    if (creations.containsKey(group)) {
      return Optional.empty(); // the same group again (an idempotent repeat): no new creation
    }
    if (creations.size() >= perHour) {
      Instant oldest = creations.values().stream().min(Instant::compareTo).orElse(now);
      return Optional.of(oldest.plus(WINDOW));
    }
    creations.put(group, now);
    return Optional.empty();
  }

  /** A creation taken for {@code group} that did not happen after all. */
  public synchronized void release(String group) {
    creations.remove(group);
  }

  /** Creations in the last hour. */
  public synchronized int used() {
    Instant since = clock.instant().minus(WINDOW);
    return (int) creations.values().stream().filter(at -> at.isAfter(since)).count();
  }
}
