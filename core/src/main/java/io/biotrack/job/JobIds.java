package io.biotrack.job;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Server-generated job ids: 26 characters of lower-case Crockford base32, 10 for the time and 16
 * random.
 *
 * <p>The time part counts <em>down</em> ({@code MAX - epochMillis}), so ascending id order is
 * newest first. Azure Tables return rows in RowKey order, so listing a tenant's jobs newest first
 * with a RowKey cursor needs no secondary index. Lower case keeps the id valid inside Kubernetes
 * and ACI names ({@code job-{id}}, {@code biotrack-{id}-{attempt}}).
 */
public final class JobIds {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final Pattern VALID = Pattern.compile("[0-9a-hjkmnp-tv-z]{26}");
  private static final long TIME_MAX = (1L << 50) - 1; // 10 base32 characters

  private final Clock clock;
  private final Random random;

  public JobIds(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  public static JobIds system() {
    return new JobIds(Clock.systemUTC(), new SecureRandom());
  }

  public String next() {
    char[] out = new char[26];
    long time = TIME_MAX - clock.millis();
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = ALPHABET[random.nextInt(32)];
    }
    return new String(out);
  }

  /** True for strings this class could have produced; anything else is not a job id. */
  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
