package io.biotrack.results;

import java.util.Locale;

/** What a user decided about a flagged repeat detection group ({@link RepeatDetections}). */
public enum RepeatDecision {
  /** A false positive (a rock, a branch): its detections are left out of exports. */
  CONFIRMED,
  /** Something real (an animal that stayed): its detections are kept. */
  REJECTED;

  /** The decision's name in the API and in storage: {@code confirmed} or {@code rejected}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for anything but {@code confirmed} or {@code rejected}
   */
  public static RepeatDecision ofWireName(String name) {
    for (RepeatDecision d : values()) {
      if (d.wireName().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("must be confirmed or rejected");
  }
}
