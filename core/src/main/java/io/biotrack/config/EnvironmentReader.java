package io.biotrack.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads {@code BIOTRACK_*} variables and collects every problem instead of stopping at the first;
 * {@link #throwIfProblems()} then throws one {@link SettingsException} listing them all. The one
 * reader of every Biotrack process's environment: each part reads its own section from it ({@code
 * StorageSettings.from(env)}, the operator's {@code AciSettings.from(env, …)}, the worker's {@code
 * ShardSettings.from(env)}), so their problems come out together and worded alike:
 *
 * <ul>
 *   <li>{@code NAME is required} (and, where it depends on another setting, {@code when …})
 *   <li>{@code NAME must be <what>, was '<value>'} for a value of the wrong form or range
 *   <li>{@code NAME: <why>} for a structured value whose parser said why (never echoing it: such a
 *       value may hold tokens)
 * </ul>
 *
 * <p>A blank value counts as unset, and values are trimmed. A getter that finds a problem notes it
 * and returns its fallback (or, for a required value, null or the minimum), so reading goes on.
 */
public final class EnvironmentReader {
  private static final long MAX_SECONDS = 365L * 24 * 3600;

  private final Function<String, String> source;
  private final Set<String> problems = new LinkedHashSet<>();

  public EnvironmentReader(Function<String, String> source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** This process's environment variables. */
  public static EnvironmentReader ofProcess() {
    return new EnvironmentReader(System::getenv);
  }

  /** The trimmed value; null when unset or blank. */
  public String string(String name) {
    String value = source.apply(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String string(String name, String fallback) {
    String value = string(name);
    return value == null ? fallback : value;
  }

  /** The value, or null after noting {@code NAME is required}. */
  public String required(String name) {
    return required(name, null);
  }

  /**
   * The value, or null after noting {@code NAME is required <when>}.
   *
   * @param when why it is required here, e.g. {@code "when BIOTRACK_STORAGE=local"}; null for none
   */
  public String required(String name, String when) {
    String value = string(name);
    if (value == null) {
      problem(name + " is required" + (when == null ? "" : " " + when));
    }
    return value;
  }

  /** A whole number between {@code min} and {@code max}; {@code fallback} when unset. */
  public int integer(String name, int fallback, int min, int max) {
    return (int) longValue(name, fallback, min, max);
  }

  /** A required whole number; {@code min} after noting a problem. */
  public int requiredInteger(String name, int min, int max) {
    return (int) requiredLong(name, min, max);
  }

  /** A whole number between {@code min} and {@code max}; {@code fallback} when unset. */
  public long longValue(String name, long fallback, long min, long max) {
    String value = string(name);
    return value == null ? fallback : parseLong(name, value, fallback, min, max);
  }

  /** A required whole number; {@code min} after noting a problem. */
  public long requiredLong(String name, long min, long max) {
    String value = required(name);
    return value == null ? min : parseLong(name, value, min, min, max);
  }

  /** A number between {@code min} and {@code max}; {@code fallback} when unset. */
  public double decimal(String name, double fallback, double min, double max) {
    String value = string(name);
    return value == null ? fallback : parseDouble(name, value, fallback, min, max);
  }

  /** A required number; {@code min} after noting a problem. */
  public double requiredDecimal(String name, double min, double max) {
    String value = required(name);
    return value == null ? min : parseDouble(name, value, min, min, max);
  }

  /** A number of seconds, fractions allowed (the {@code *_SECONDS} variables), up to a year. */
  public Duration seconds(String name, Duration fallback) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    double parsed = parseDouble(name, value, -1, 0, MAX_SECONDS);
    return parsed < 0 ? fallback : Duration.ofMillis(Math.round(parsed * 1000));
  }

  /** As {@link #seconds}, where {@code 0} means none: null. */
  public Duration secondsOrNone(String name, Duration fallback) {
    Duration duration = seconds(name, fallback);
    return duration != null && duration.isZero() ? null : duration;
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(String name, boolean fallback) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    problem(name + " must be true or false, was '" + value + "'");
    return fallback;
  }

  /** One of {@code choices} by its key, in any case; {@code fallback} when unset. */
  public <T> T choice(String name, T fallback, Map<String, T> choices) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    T chosen = choices.get(value.toLowerCase(Locale.ROOT));
    if (chosen == null) {
      problem(
          name
              + " must be one of "
              + String.join(", ", choices.keySet())
              + ", was '"
              + value
              + "'");
      return fallback;
    }
    return chosen;
  }

  /** Words separated by {@code separator} (a regular expression), empty ones dropped. */
  public List<String> list(String name, String separator, List<String> fallback) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    return Arrays.stream(value.split(separator))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** {@code key=value,key=value}; empty when unset. */
  public Map<String, String> map(String name) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : list(name, ",", List.of())) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        problem(name + " must be key=value pairs separated by commas, was '" + pair + "'");
      } else {
        pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    return pairs;
  }

  /** An absolute, normalized path; null when unset. */
  public Path path(String name) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problem(name + " must be a path, was '" + value + "' (" + e.getReason() + ")");
      return null;
    }
  }

  /** An http or https URL with a host; null when unset. */
  public URI httpUrl(String name) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // said below
    }
    problem(name + " must be an http(s) URL with a host, was '" + value + "'");
    return null;
  }

  /**
   * A structured value read by {@code parser}, whose {@link IllegalArgumentException} says why it
   * is wrong ({@code NAME: <why>}; the value itself is not repeated, it may hold tokens); null when
   * unset or wrong.
   */
  public <T> T parsed(String name, Function<String, T> parser) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      problem(name + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * Builds a value whose constructor checks how settings fit together; its {@link
   * SettingsException}'s problems, or an {@link IllegalArgumentException}'s message, are noted and
   * null returned.
   */
  public <T> T check(Supplier<T> build) {
    try {
      return build.get();
    } catch (SettingsException e) {
      e.problems().forEach(this::problem);
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
    }
    return null;
  }

  /** Notes a problem that a section found itself (a sentence that names the variable). */
  public void problem(String problem) {
    problems.add(problem);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  public List<String> problems() {
    return new ArrayList<>(problems);
  }

  /**
   * @throws SettingsException listing every problem noted so far
   */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new SettingsException(problems());
    }
  }

  private long parseLong(String name, String value, long fallback, long min, long max) {
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      problem(name + " must be a whole number, was '" + value + "'");
      return fallback;
    }
    if (parsed < min || parsed > max) {
      problem(
          name
              + " must be "
              + range(min, max, max == Integer.MAX_VALUE || max == Long.MAX_VALUE)
              + ", was "
              + parsed);
      return fallback;
    }
    return parsed;
  }

  private double parseDouble(String name, String value, double fallback, double min, double max) {
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      problem(name + " must be a number, was '" + value + "'");
      return fallback;
    }
    if (!(parsed >= min && parsed <= max)) {
      problem(name + " must be " + range(min, max, max == Double.MAX_VALUE) + ", was " + value);
      return fallback;
    }
    return parsed;
  }

  private static String range(double min, double max, boolean unbounded) {
    return unbounded ? "at least " + plain(min) : "between " + plain(min) + " and " + plain(max);
  }

  /** 1 rather than 1.0, 0.1 rather than 0.1000…, 31536000 rather than 3.1536E7. */
  private static String plain(double number) {
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}
