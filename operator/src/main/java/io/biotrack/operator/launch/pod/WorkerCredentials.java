package io.biotrack.operator.launch.pod;

import io.biotrack.launch.LaunchRequest;
import java.util.Map;

/**
 * Short-lived credentials for one attempt's worker, scoped to its own job, delivered in a Secret
 * owned by the BioJob (Pods on virtual nodes cannot use managed identity).
 */
public interface WorkerCredentials {

  /** The Secret's data, as environment variables for the worker. */
  Map<String, String> issue(LaunchRequest request);
}
