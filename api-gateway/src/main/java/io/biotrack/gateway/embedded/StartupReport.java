package io.biotrack.gateway.embedded;

import io.biotrack.model.EmbeddedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Tells the person who ran {@code ./biotrack up} where everything is once the gateway listens, and,
 * loudly, when the results will not be real detections.
 */
public final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final EmbeddedPlatform platform;

  StartupReport(EmbeddedPlatform platform) {
    this.platform = platform;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String address = env.getProperty("server.address", "127.0.0.1");
    String host = address.equals("0.0.0.0") ? "127.0.0.1" : address;
    String base = "http://" + host + ":" + env.getProperty("local.server.port");
    log.info(report(base));
    String warning = platform.model().warning();
    if (warning != null) {
      log.warn(banner(warning));
    }
  }

  String report(String base) {
    EmbeddedModel model = platform.model();
    return String.join(
        System.lineSeparator(),
        "",
        "  Biotrack is running (embedded mode)",
        "    Web UI:   " + base + "/",
        "    API:      " + base + "/api/v1/jobs   (reference: " + base + "/swagger-ui.html)",
        "    Data:     " + platform.dataDir(),
        "    Workers:  at most "
            + platform.dispatcher().maxWorkers()
            + " at once, "
            + platform.workerThreads()
            + " threads each",
        "    Model:    " + model.file() + (model.testModel() ? "  (TEST MODEL)" : ""),
        "  Press Ctrl-C to stop (running jobs continue from their checkpoints on the next start).",
        "");
  }

  static String banner(String warning) {
    String rule = "!".repeat(78);
    return String.join(System.lineSeparator(), "", rule, "!! " + warning, rule, "");
  }
}
