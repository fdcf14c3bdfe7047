package io.biotrack.operator.launch;

import io.biotrack.launch.WorkerLauncher;
import io.biotrack.operator.biojob.BioJob;

/**
 * The launcher for a kind, bound to the BioJob whose workloads it handles (the Job launchers make
 * the BioJob their Jobs' and Secrets' owner; the others ignore it).
 */
public interface LauncherFactory {

  /**
   * @throws LauncherUnavailableException if this operator has no such launcher configured
   */
  WorkerLauncher launcher(String kind, BioJob owner);
}
