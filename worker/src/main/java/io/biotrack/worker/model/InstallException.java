package io.biotrack.worker.model;

/** An install that was refused or failed; nothing was installed. The message is one line. */
public final class InstallException extends Exception {
  private final boolean refused;

  public InstallException(String message, boolean refused) {
    super(message);
    this.refused = refused;
  }

  /** True when the input was wrong (exit 2), false when the conversion failed (exit 1). */
  public boolean refused() {
    return refused;
  }
}
