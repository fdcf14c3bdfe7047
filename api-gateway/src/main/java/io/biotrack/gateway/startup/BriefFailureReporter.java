package io.biotrack.gateway.startup;

import io.biotrack.logging.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Tells why the gateway could not start in one or two lines: the cause, then what to do. It
 * replaces Spring Boot's "APPLICATION FAILED TO START" banner (whose reporter is turned off in
 * application.yaml) for every failure an analyzer explains; a failure nobody explains still gets
 * Spring's stack trace. On a console the lines go to standard error as they are; with {@code
 * BIOTRACK_LOG_FORMAT=json} they are one log event, so a log collector sees JSON only.
 */
public final class BriefFailureReporter implements FailureAnalysisReporter {
  private static final Logger log = LoggerFactory.getLogger(BriefFailureReporter.class);

  @Override
  public void report(FailureAnalysis analysis) {
    String cause = "cannot start: " + oneLine(analysis.getDescription());
    String action = analysis.getAction() == null ? null : oneLine(analysis.getAction());
    if (LogFormat.ofThisProcess() == LogFormat.JSON) {
      log.error(action == null ? cause : cause + ". " + action);
      return;
    }
    System.err.println("biotrack: " + cause);
    if (action != null && !action.isEmpty()) {
      System.err.println("biotrack: " + action);
    }
  }

  /** Spring's own analyses wrap and indent their sentences over several lines. */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
