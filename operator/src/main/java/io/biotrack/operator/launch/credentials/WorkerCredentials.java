package io.biotrack.operator.launch.credentials;

import io.biotrack.launch.LaunchRequest;
import java.util.Map;

/**
 * Credentials for one shard attempt's worker, scoped to what that attempt may touch. Every remote
 * launcher hands them to its worker (a Secret for Kubernetes Jobs, a secure environment variable
 * for ACI); no worker holds an identity of its own.
 */
public interface WorkerCredentials {

  /** The variables that carry the attempt's credentials. */
  Map<String, String> issue(LaunchRequest request);

  /** The workload {@code workloadName} is gone: what was issued for it alone may go too. */
  default void revoke(String workloadName) {}
}
