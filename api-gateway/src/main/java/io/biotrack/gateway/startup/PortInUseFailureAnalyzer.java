package io.biotrack.gateway.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The port is taken: say which, and how Biotrack is given another (Spring Boot's own analysis says
 * "configure this application", which a user of {@code ./biotrack up} cannot act on).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
    return new FailureAnalysis(
        "port "
            + cause.getPort()
            + " is already in use (another program, or another Biotrack,"
            + " listens there)",
        "stop that program, or start Biotrack on another port: ./biotrack up --port P"
            + " (BIOTRACK_PORT for the jar)",
        cause);
  }
}
