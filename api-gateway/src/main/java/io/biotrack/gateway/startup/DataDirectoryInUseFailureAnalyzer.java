package io.biotrack.gateway.startup;

import io.biotrack.adapter.StorageSettings;
import io.biotrack.embedded.dispatch.DataDirectoryInUseException;
import java.nio.file.Path;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A second {@code ./biotrack up} on the same data directory: name the directory and who runs there.
 */
public final class DataDirectoryInUseFailureAnalyzer
    extends AbstractFailureAnalyzer<DataDirectoryInUseException> {
  private final Environment environment;

  public DataDirectoryInUseFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
    String dir = environment.getProperty(StorageSettings.DATA_DIR, "./data");
    String running = cause.holder() == null ? "" : " (" + cause.holder() + ")";
    return new FailureAnalysis(
        "another Biotrack is already running on the data directory "
            + Path.of(dir).toAbsolutePath().normalize()
            + running,
        "stop it first (Ctrl-C where it runs), or start this one on another folder: ./biotrack up"
            + " --data DIR",
        cause);
  }
}
