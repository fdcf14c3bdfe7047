package io.biotrack.operator.launch.aci;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds the ARM client the ACI launcher uses. */
public final class AciClients {
  private AciClients() {}

  /**
   * Throttling (429, honouring Retry-After) and ARM's transient 5xx are retried with exponential
   * backoff inside the client; the launch is idempotent by name, so a retry never duplicates.
   */
  public static RetryOptions retryOptions() {
    return new RetryOptions(
        new ExponentialBackoffOptions()
            .setMaxRetries(4)
            .setBaseDelay(Duration.ofSeconds(1))
            .setMaxDelay(Duration.ofSeconds(30)));
  }

  /** Production: Azure public cloud (or {@code armEndpoint}), authenticated by {@code credential}. */
  public static ContainerInstanceManager manager(
      TokenCredential credential, String subscriptionId, String tenantId, URI armEndpoint) {
    return ContainerInstanceManager.configure()
        .withRetryOptions(retryOptions())
        .authenticate(credential, profile(subscriptionId, tenantId, armEndpoint));
  }

  /**
   * Without authentication, for a local fake of ARM over plain http (the bearer-token policy
   * refuses http). The same retry behaviour as production.
   */
  public static ContainerInstanceManager unauthenticated(
      String subscriptionId, URI armEndpoint, Duration retryBaseDelay) {
    HttpPipeline pipeline =
        new HttpPipelineBuilder()
            .httpClient(HttpClient.createDefault())
            .policies(
                new RetryPolicy(
                    new RetryOptions(
                        new ExponentialBackoffOptions()
                            .setMaxRetries(4)
                            .setBaseDelay(retryBaseDelay)
                            .setMaxDelay(retryBaseDelay.multipliedBy(8)))))
            .build();
    return ContainerInstanceManager.authenticate(pipeline, profile(subscriptionId, null, armEndpoint));
  }

  static AzureProfile profile(String subscriptionId, String tenantId, URI armEndpoint) {
    AzureEnvironment environment = AzureEnvironment.AZURE;
    if (armEndpoint != null) {
      // A copy of every endpoint with only resource manager replaced: the manager needs them all.
      Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
      String url = armEndpoint.toString();
      endpoints.put("resourceManagerEndpointUrl", url.endsWith("/") ? url : url + "/");
      environment = new AzureEnvironment(endpoints);
    }
    return new AzureProfile(tenantId, subscriptionId, environment);
  }
}
