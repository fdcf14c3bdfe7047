package io.biotrack.operator.reconciler;

import io.biotrack.operator.biojob.BioJob;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
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
    Launched(false),
    AttemptFailed(true),
    Retrying(true),
    Completed(false),
    Failed(true),
    Cancelled(false),
    Cleaned(false);

    final boolean warning;

    Reason(boolean warning) {
      this.warning = warning;
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
        // The same event again: count it on the existing one.
        Event existing = events.withName(name).get();
        if (existing != null) {
          existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
          existing.setLastTimestamp(now);
          events.resource(existing).update();
        }
      }
    } catch (KubernetesClientException e) {
      log.warn("could not record event {} on {}: {}", reason, job.getMetadata().getName(), e.getMessage());
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
