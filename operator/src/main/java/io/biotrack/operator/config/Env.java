package io.biotrack.operator.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads variables and collects every problem instead of stopping at the first. */
final class Env {
  private final Function<String, String> source;
  final List<String> problems = new ArrayList<>();

  Env(Function<String, String> source) {
    this.source = source;
  }

  /** The trimmed value; null when unset or blank. */
  String text(String name) {
    String value = source.apply(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  String text(String name, String fallback) {
    String value = text(name);
    return value == null ? fallback : value;
  }

  String required(String name, String why) {
    String value = text(name);
    if (value == null) {
      problems.add(name + " is required " + why);
    }
    return value;
  }

  int integer(String name, int fallback, int min, int max) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        problems.add(name + " must be between " + min + " and " + max + ", was " + parsed);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, was '" + value + "'");
      return fallback;
    }
  }

  double decimal(String name, double fallback, double min, double max) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (!(parsed >= min && parsed <= max)) {
        problems.add(name + " must be between " + min + " and " + max + ", was " + value);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a number, was '" + value + "'");
      return fallback;
    }
  }

  /** Seconds (fractions allowed); {@code 0} means none (null) when {@code zeroIsNone}. */
  Duration seconds(String name, Duration fallback, boolean zeroIsNone) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    double parsed = decimal(name, -1, 0, 365 * 24 * 3600.0);
    if (parsed < 0) {
      return fallback;
    }
    if (parsed == 0 && zeroIsNone) {
      return null;
    }
    return Duration.ofMillis(Math.round(parsed * 1000));
  }

  boolean flag(String name, boolean fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    problems.add(name + " must be true or false, was '" + value + "'");
    return fallback;
  }

  List<String> list(String name, String separator, List<String> fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    return Arrays.stream(value.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** {@code key=value,key=value}. */
  Map<String, String> pairs(String name) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : list(name, ",", List.of())) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        problems.add(name + " must be key=value pairs separated by commas, was '" + pair + "'");
      } else {
        pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return pairs;
  }
}
