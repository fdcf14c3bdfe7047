package io.biotrack.operator.launch;

/** A BioJob asks for a launcher this operator was not configured for. */
public class LauncherUnavailableException extends RuntimeException {
  public LauncherUnavailableException(String kind, String why) {
    super("launcher '" + kind + "' is not available in this operator: " + why);
  }
}
