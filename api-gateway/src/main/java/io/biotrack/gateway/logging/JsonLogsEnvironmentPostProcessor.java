package io.biotrack.gateway.logging;

import io.biotrack.logging.LogFormat;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code BIOTRACK_LOG_FORMAT=json} turns on Spring Boot's structured logging on the console, in the
 * Logstash layout ({@code @timestamp}, {@code level}, {@code logger_name}, {@code message}, the
 * MDC's {@code jobId} and {@code tenant}, {@code stack_trace}): the fields the worker's
 * logstash-logback-encoder and the launcher write too. It runs before the logging system starts
 * (which reads {@code logging.structured.format.console} once).
 */
public final class JsonLogsEnvironmentPostProcessor implements EnvironmentPostProcessor {
  static final String PROPERTY = "logging.structured.format.console";

  private final Log log;

  public JsonLogsEnvironmentPostProcessor(DeferredLogFactory logs) {
    this.log = logs.getLog(JsonLogsEnvironmentPostProcessor.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    LogFormat format;
    try {
      format = LogFormat.from(environment::getProperty);
    } catch (IllegalArgumentException e) {
      log.warn(e.getMessage() + "; logging as text");
      return;
    }
    if (format == LogFormat.JSON) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("biotrackLogFormat", Map.of(PROPERTY, "logstash")));
    }
  }
}
