package io.biotrack.operator.reconciler;

import io.biotrack.operator.biojob.BioJob;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on BioJobs, for {@code kubectl describe}. Names are deterministic (object,
 * reason, message), so a repeated event bumps {@code count} instead of adding another. Events are
 * best effort: a failure to record one is logged and never fails a reconcile.
 */
public class BioJobEvents {
  private static final Logger log = LoggerFactory.getLogger(BioJobEvents.class);
  static final String COMPONENT = "biotrack-operator";

  /** The reasons this operator reports. */
  public enum Reason {
    /** Shards' first attempts were launched. */
    Launched(false),
    /** A shard's attempt failed. */
    AttemptFailed(true),
    /** A shard's next attempt was launched. */
    Retrying(true),
    Completed(false),
    Failed(true),
    Cancelled(false),
    /** Workloads that ended (completed shards, a finished job) were deleted. */
    Cleaned(false),
    /** ARM throttled a container group creation (HTTP 429): launches wait. */
    LaunchThrottled(true),
    /** An Azure quota (cores, container groups) is reached: launches wait. */
    QuotaExceeded(true),
    /** The operator's own limit of container group creations per hour is reached. */
    CreationRateLimited(true),
    /** A launcher deferred a launch for another reason. */
    LaunchDeferred(true);

    final boolean warning;

    Reason(boolean warning) {
      this.warning = warning;
    }

    /** The reason of a launcher's deferral ({@code LaunchDeferredException.reason()}). */
    public static Reason ofDeferral(String reason) {
      for (Reason candidate : List.of(LaunchThrottled, QuotaExceeded, CreationRateLimited)) {
        if (candidate.name().equals(reason)) {
          return candidate;
        }
      }
      return LaunchDeferred;
    }
  }

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  public BioJobEvents(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  public void record(BioJob job, Reason reason, String message) {
    String namespace = job.getMetadata().getNamespace();
    String name =
        job.getMetadata().getName()
            + "."
            + reason.name().toLowerCase(Locale.ROOT)
            + "."
            + Integer.toHexString(message.hashCode());
    String now = clock.instant().toString();
    var events = client.v1().events().inNamespace(namespace);
    try {
      try {
        events.resource(newEvent(job, reason, message, name, namespace, now)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != java.net.HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        // The same event again: count it on the existing one (a JSON patch of two fields).
        events
            .withName(name)
            .edit(
                existing -> {
                  existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                  existing.setLastTimestamp(now);
                  return existing;
                });
      }
    } catch (KubernetesClientException e) {
      log.warn(
          "could not record event {} on {} (HTTP {}): {}",
          reason,
          job.getMetadata().getName(),
          e.getCode(),
          e.getMessage());
    }
  }

  private Event newEvent(
      BioJob job, Reason reason, String message, String name, String namespace, String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(job.getApiVersion())
                .withKind(job.getKind())
                .withName(job.getMetadata().getName())
                .withNamespace(namespace)
                .withUid(job.getMetadata().getUid())
                .build())
        .withReason(reason.name())
        .withMessage(message)
        .withType(reason.warning ? "Warning" : "Normal")
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(instance)
        .build();
  }
}
