package io.biotrack.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JobIdsTest {

  private static String idAt(long epochMillis, long seed) {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    return new JobIds(clock, new Random(seed)).next();
  }

  @Test
  void laterIdsSortFirst() {
    List<String> ids = new ArrayList<>();
    long start = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 200; i++) {
      ids.add(idAt(start + i * 997L, i));
    }
    List<String> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    assertThat(sorted).as("ascending id order is newest first").isEqualTo(newestFirst);
  }

  @Test
  void orderHoldsAcrossYearsAndMilliseconds() {
    assertThat(idAt(1_000, 1)).isGreaterThan(idAt(1_001, 1));
    assertThat(idAt(Instant.parse("2025-12-31T23:59:59.999Z").toEpochMilli(), 1))
        .isGreaterThan(idAt(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), 1));
  }

  @Test
  void idsAreValidLowerCaseAndUnique() {
    JobIds ids = JobIds.system();
    var seen = new HashSet<String>();
    for (int i = 0; i < 2_000; i++) {
      String id = ids.next();
      assertThat(id).hasSize(26).matches("[0-9a-z]+").doesNotContain("i", "l", "o", "u");
      assertThat(JobIds.isValid(id)).isTrue();
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void foreignStringsAreNotIds() {
    assertThat(JobIds.isValid(null)).isFalse();
    assertThat(JobIds.isValid("")).isFalse();
    assertThat(JobIds.isValid("0000000000000000000000000")).as("25 chars").isFalse();
    assertThat(JobIds.isValid("000000000000000000000000000")).as("27 chars").isFalse();
    assertThat(JobIds.isValid("0000000000000000000000000A")).as("upper case").isFalse();
    assertThat(JobIds.isValid("0000000000000000000000000u")).as("not Crockford").isFalse();
    assertThat(JobIds.isValid("../../../../../../../etc/x")).isFalse();
    assertThat(JobIds.isValid("123e4567-e89b-12d3-a456-42")).isFalse();
  }
}
