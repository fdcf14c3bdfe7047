package io.biotrack.operator.launch.aci;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestRetryCondition;
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

  /** The longest wait ARM may ask for that the client sits out itself. */
  static final Duration LONGEST_WAIT_IN_CLIENT = Duration.ofSeconds(30);

  /**
   * Throttling (429, honouring Retry-After) and ARM's transient 5xx are retried with exponential
   * backoff inside the client; the launch is idempotent by name, so a retry never duplicates.
   */
  public static RetryOptions retryOptions() {
    return retryOptions(Duration.ofSeconds(1), LONGEST_WAIT_IN_CLIENT);
  }

  /**
   * A 429 whose Retry-After is longer than {@link #LONGEST_WAIT_IN_CLIENT} is not retried here:
   * azure-core would sleep as long as ARM asks (an hour holds a reconciler thread for an hour). It
   * reaches the launcher, which defers the launch; the engine tries again in a later round.
   */
  static RetryOptions retryOptions(Duration baseDelay, Duration maxDelay) {
    return new RetryOptions(
            new ExponentialBackoffOptions()
                .setMaxRetries(4)
                .setBaseDelay(baseDelay)
                .setMaxDelay(maxDelay))
        .setShouldRetryCondition(AciClients::worthRetryingInTheClient);
  }

  private static boolean worthRetryingInTheClient(RequestRetryCondition condition) {
    HttpResponse response = condition.getResponse();
    if (response == null) {
      Throwable failure = condition.getThrowable();
      return failure instanceof java.io.IOException
          || failure instanceof java.util.concurrent.TimeoutException;
    }
    int status = response.getStatusCode();
    if (status == 429) {
      Duration wait = askedToWait(response.getHeaders());
      return wait == null || wait.compareTo(LONGEST_WAIT_IN_CLIENT) <= 0;
    }
    return status == 408 || (status >= 500 && status != 501 && status != 505);
  }

  /** What ARM's throttling headers ask for (the ones azure-core reads), or null when none. */
  private static Duration askedToWait(HttpHeaders headers) {
    for (String header : new String[] {"x-ms-retry-after-ms", "retry-after-ms"}) {
      String value = headers.getValue(HttpHeaderName.fromString(header));
      if (value != null) {
        try {
          return Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException ignored) {
          // fall through to the next header
        }
      }
    }
    String seconds = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (seconds != null) {
      try {
        return Duration.ofSeconds(Long.parseLong(seconds.trim()));
      } catch (NumberFormatException dateForm) {
        return Duration.ofDays(1); // an HTTP date: ARM does not send one; treat it as long
      }
    }
    return null;
  }

  /**
   * Production: Azure public cloud (or {@code armEndpoint}), authenticated by {@code credential}.
   */
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
            .policies(new RetryPolicy(retryOptions(retryBaseDelay, retryBaseDelay.multipliedBy(8))))
            .build();
    return ContainerInstanceManager.authenticate(
        pipeline, profile(subscriptionId, null, armEndpoint));
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
