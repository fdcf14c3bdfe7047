package io.biotrack.operator.launch;

import io.biotrack.launch.LaunchRejectedException;

/**
 * A BioJob asks for a launcher this operator was not configured for: the job fails with this
 * sentence (nothing of that kind can run here).
 */
public class LauncherUnavailableException extends LaunchRejectedException {
  public LauncherUnavailableException(String kind, String why) {
    super("launcher '" + kind + "' is not available in this operator: " + why);
  }
}
