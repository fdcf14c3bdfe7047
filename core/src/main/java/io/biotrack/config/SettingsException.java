package io.biotrack.config;

import java.util.List;

/**
 * A process's configuration is incomplete or wrong. Lists every problem found, one per line, so
 * that one start shows everything to fix instead of one problem per attempt. Every Biotrack process
 * (gateway storage, operator, worker) reports its settings with this one type, its problems worded
 * by {@link EnvironmentReader}.
 */
public class SettingsException extends IllegalArgumentException {
  private final List<String> problems;

  public SettingsException(List<String> problems) {
    super(message(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a settings exception needs a problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Each problem, a sentence that names the variable. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    return "invalid configuration:\n  - " + String.join("\n  - ", problems);
  }
}
