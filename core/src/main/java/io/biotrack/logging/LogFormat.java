package io.biotrack.logging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code BIOTRACK_LOG_FORMAT}: {@code text} (the default, for a person at a console) or {@code
 * json} (one JSON object per line, for a log collector). Every Biotrack process reads the same
 * variable: the gateway turns {@code json} into Spring Boot's structured logging, the worker and
 * the operator into logstash-logback-encoder's ({@code io/biotrack/logging/console-appender.xml}),
 * and the operator hands its own value on to the workers it launches.
 */
public enum LogFormat {
  TEXT,
  JSON;

  public static final String VARIABLE = "BIOTRACK_LOG_FORMAT";

  /** The value as the variable spells it. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every format by its value, text (the default) first: the choices for a settings reader. */
  public static Map<String, LogFormat> byValue() {
    Map<String, LogFormat> formats = new LinkedHashMap<>();
    for (LogFormat format : values()) {
      formats.put(format.value(), format);
    }
    return formats;
  }

  /**
   * @throws IllegalArgumentException for a value other than text or json
   */
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
