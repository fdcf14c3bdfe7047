package io.biotrack.gateway.logging;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * {@code BIOTRACK_LOG_FORMAT}: {@code text} (the default, for a person at a console) or {@code
 * json} (one JSON object per line, for a log collector). Every Biotrack process reads the same
 * variable; the gateway turns {@code json} into Spring Boot's structured logging.
 */
public enum LogFormat {
  TEXT,
  JSON;

  public static final String VARIABLE = "BIOTRACK_LOG_FORMAT";

  /** @throws IllegalArgumentException for a value other than text or json */
  public static LogFormat from(UnaryOperator<String> environment) {
    String value = environment.apply(VARIABLE);
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default ->
          throw new IllegalArgumentException(
              VARIABLE + "=" + value + " is not a log format: use text (the default) or json");
    };
  }

  /** This process's format; text when the variable is unusable (the gateway says why at start). */
  public static LogFormat ofThisProcess() {
    try {
      return from(System::getenv);
    } catch (IllegalArgumentException e) {
      return TEXT;
    }
  }
}
