package io.biotrack.adapter;

import java.util.List;

/** The {@code BIOTRACK_*} storage settings are missing or wrong; lists every problem found. */
public class InvalidStorageSettingsException extends IllegalArgumentException {
  private final List<String> problems;

  public InvalidStorageSettingsException(List<String> problems) {
    super("invalid storage settings:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
