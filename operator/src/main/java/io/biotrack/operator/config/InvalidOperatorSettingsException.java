package io.biotrack.operator.config;

import java.util.List;

/** The operator's environment is incomplete or wrong; lists every problem found. */
public class InvalidOperatorSettingsException extends RuntimeException {
  private final List<String> problems;

  public InvalidOperatorSettingsException(List<String> problems) {
    super("invalid operator configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
