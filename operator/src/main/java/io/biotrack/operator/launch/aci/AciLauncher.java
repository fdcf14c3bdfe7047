package io.biotrack.operator.launch.aci;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.containerinstance.fluent.ContainerGroupsClient;
import com.azure.resourcemanager.containerinstance.fluent.models.ContainerGroupInner;
import com.azure.resourcemanager.containerinstance.models.Container;
import com.azure.resourcemanager.containerinstance.models.ContainerState;
import io.biotrack.launch.LaunchDeferredException;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadPhase;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.launch.WorkloadEvents;
import io.biotrack.operator.launch.credentials.WorkerCredentials;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each shard attempt as an Azure Container Instances container group named after the workload
 * ({@code biotrack-{jobId}-{shard}-{attempt}}). Launch looks the group up before it creates one,
 * and ARM's PUT is idempotent by name, so a repeated launch (a restarted operator) never makes a
 * second group. The worker gets its shard's credentials as a secure environment variable; the group
 * has an identity only to pull a private image.
 *
 * <p>Creations stay under {@link AciSettings#maxCreationsPerHour()} ({@link CreationRateLimit});
 * throttling and quota errors from ARM defer the launch ({@link ArmErrors}) instead of failing it.
 *
 * <p>State is polled, not asked for per reconcile: every {@link AciSettings#pollInterval()} one
 * list of the resource group, and a read of each group whose container has not ended (ARM's list
 * leaves the containers' state out); a change reconciles the BioJob at once ({@link
 * #eventSources}), and {@link #status} answers from the last poll.
 *
 * <p>Uses the client's ARM models directly rather than its fluent builder: the fluent builder needs
 * an extra ARM read of the identity and offers no read-only mount of an existing share with a
 * registry pulled by identity.
 */
public final class AciLauncher implements WorkerLauncher, WorkloadEvents {
  public static final String KIND = "aci";
  static final String RATE_LIMITED = "CreationRateLimited";
  private static final Logger log = LoggerFactory.getLogger(AciLauncher.class);

  /** A group created here and still missing from the polls after this long is lost. */
  private static final Duration LAUNCH_GRACE = Duration.ofMinutes(5);

  /** Platform reasons shown to people: short words only, never a long platform text. */
  private static final Pattern SHORT_REASON = Pattern.compile("[A-Za-z][A-Za-z ]{0,39}");

  /** One container group as the last poll saw it. */
  public record Observed(String name, String jobId, WorkloadStatus status) {}

  private final ContainerGroupsClient groups;
  private final AciSettings settings;
  private final WorkerCredentials credentials;
  private final CreationRateLimit creations;
  private final Clock clock;

  /** The last poll's groups by name; null before the first poll. */
  private volatile Map<String, Observed> polled;

  /** Groups created here since they last showed in a poll. */
  private final Map<String, Instant> launched = new ConcurrentHashMap<>();

  private volatile boolean seeded;

  public AciLauncher(
      ContainerInstanceManager manager,
      AciSettings settings,
      WorkerCredentials credentials,
      Clock clock) {
    this.groups = manager.serviceClient().getContainerGroups();
    this.settings = settings;
    this.credentials = credentials;
    this.creations = new CreationRateLimit(settings.maxCreationsPerHour(), clock);
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public WorkloadHandle launch(LaunchRequest request) {
    if (request.resources().gpu() > 0) {
      throw new LaunchRejectedException(
          "ACI has no GPUs (retired on 2025-07-14): run GPU jobs with the kubernetes launcher");
    }
    String name = request.workloadName();
    if (find(name).isPresent()) {
      return handle(name);
    }
    seedOnce();
    Optional<Instant> next = creations.tryAcquire(name);
    if (next.isPresent()) {
      throw new LaunchDeferredException(
          RATE_LIMITED,
          "at most "
              + creations.perHour()
              + " container groups are created per hour; the next"
              + " can be created at "
              + next.get().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toLocalTime()
              + " UTC",
          null);
    }
    Instant now = clock.instant();
    try {
      // Sends the PUT and returns: the group provisions while polls observe it.
      groups.beginCreateOrUpdate(
          settings.resourceGroup(),
          name,
          ContainerGroups.definition(settings, request, credentials.issue(request), now),
          Context.NONE);
    } catch (ManagementException e) {
      creations.release(name);
      Optional<LaunchDeferredException> deferred = ArmErrors.deferral(e);
      if (deferred.isPresent()) {
        log.warn("container group {} deferred: {}", name, deferred.get().getMessage());
        throw deferred.get();
      }
      throw e;
    } catch (RuntimeException e) {
      creations.release(name);
      throw e;
    }
    launched.put(name, now);
    log.info("created container group {} in {}", name, settings.resourceGroup());
    return handle(name);
  }

  @Override
  public WorkloadStatus status(WorkloadHandle handle) {
    Map<String, Observed> snapshot = polled;
    if (snapshot == null) {
      // Not polled yet (a launcher used alone): ask ARM.
      return find(handle.name()).map(AciLauncher::statusOf).orElse(WorkloadStatus.NOT_FOUND);
    }
    Observed observed = snapshot.get(handle.name());
    if (observed != null) {
      return observed.status();
    }
    return launched.containsKey(handle.name()) ? WorkloadStatus.WAITING : WorkloadStatus.NOT_FOUND;
  }

  @Override
  public void delete(WorkloadHandle handle) {
    try {
      groups.beginDelete(settings.resourceGroup(), handle.name(), Context.NONE);
    } catch (ManagementException e) {
      if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
        throw e;
      }
    }
    launched.remove(handle.name());
    Map<String, Observed> snapshot = polled;
    if (snapshot != null) {
      snapshot.remove(handle.name());
    }
    credentials.revoke(handle.name());
  }

  /**
   * Lists the resource group's groups of this operator and reads those whose container has not
   * ended; what a group's state was when it ended does not change, so it is not read again.
   *
   * @return the groups by name
   */
  public Map<String, Observed> poll() {
    Map<String, Observed> previous = polled == null ? Map.of() : polled;
    Map<String, Observed> next = new ConcurrentHashMap<>();
    for (ContainerGroupInner listed :
        groups.listByResourceGroup(settings.resourceGroup(), Context.NONE)) {
      Map<String, String> tags = listed.tags() == null ? Map.of() : listed.tags();
      if (!ContainerGroups.OPERATOR.equals(tags.get(ContainerGroups.MANAGED_BY))) {
        continue;
      }
      String name = listed.name();
      createdAt(tags).ifPresent(at -> creations.seen(name, at));
      Observed before = previous.get(name);
      WorkloadStatus status;
      if (before != null && before.status().phase().isTerminal()) {
        status = before.status();
      } else {
        Optional<ContainerGroupInner> read = find(name);
        if (read.isEmpty()) {
          continue; // deleted since the list
        }
        status = statusOf(read.get());
      }
      next.put(name, new Observed(name, tags.get(ContainerGroups.JOB_ID_TAG), status));
    }
    Instant lost = clock.instant().minus(LAUNCH_GRACE);
    launched.entrySet().removeIf(e -> next.containsKey(e.getKey()) || e.getValue().isBefore(lost));
    seeded = true;
    polled = next;
    return next;
  }

  @Override
  public List<EventSource<?, BioJob>> eventSources(
      EventSourceContext<BioJob> context, BioJobIndex bioJobs) {
    PollingEventSource<Observed, BioJob, String> source =
        new PollingEventSource<>(
            Observed.class,
            new PollingConfigurationBuilder<Observed, String>(
                    () -> byBioJob(poll(), bioJobs), settings.pollInterval())
                .withName("aci-container-groups")
                .withResourceIDMapper(Observed::name)
                .build());
    return List.of(source);
  }

  /** Creations in the last hour, as the rate limit counts them (a metric). */
  public int creationsInTheLastHour() {
    return creations.used();
  }

  static WorkloadStatus statusOf(ContainerGroupInner group) {
    if ("Failed".equalsIgnoreCase(group.provisioningState())) {
      return new WorkloadStatus(WorkloadPhase.FAILED, null, "container group provisioning failed");
    }
    ContainerState state =
        group.containers().stream()
            .filter(c -> ContainerGroups.CONTAINER.equals(c.name()))
            .findFirst()
            .map(Container::instanceView)
            .map(view -> view.currentState())
            .orElse(null);
    if (state == null || state.state() == null) {
      return WorkloadStatus.WAITING;
    }
    return switch (state.state()) {
      case "Running" -> WorkloadStatus.RUNNING;
      case "Terminated" ->
          state.exitCode() != null && state.exitCode() == 0
              ? WorkloadStatus.succeeded()
              : new WorkloadStatus(
                  WorkloadPhase.FAILED, state.exitCode(), reason(state.detailStatus()));
      default -> new WorkloadStatus(WorkloadPhase.WAITING, null, reason(state.detailStatus()));
    };
  }

  private static String reason(String detail) {
    return detail != null && SHORT_REASON.matcher(detail).matches() ? detail : null;
  }

  private static Map<ResourceID, Set<Observed>> byBioJob(
      Map<String, Observed> observed, BioJobIndex bioJobs) {
    Map<ResourceID, Set<Observed>> out = new HashMap<>();
    for (Observed group : observed.values()) {
      if (group.jobId() != null) {
        bioJobs
            .of(group.jobId())
            .ifPresent(id -> out.computeIfAbsent(id, k -> new HashSet<>()).add(group));
      }
    }
    return out;
  }

  /** Before the first creation: the window counts the groups that exist, by their tags. */
  private void seedOnce() {
    if (!seeded) {
      poll();
    }
  }

  private static Optional<Instant> createdAt(Map<String, String> tags) {
    String text = tags.get(ContainerGroups.CREATED_AT_TAG);
    try {
      return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private Optional<ContainerGroupInner> find(String name) {
    try {
      return Optional.of(
          groups
              .getByResourceGroupWithResponse(settings.resourceGroup(), name, Context.NONE)
              .getValue());
    } catch (ManagementException e) {
      if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private WorkloadHandle handle(String name) {
    return new WorkloadHandle(
        KIND,
        name,
        "/subscriptions/"
            + settings.subscriptionId()
            + "/resourceGroups/"
            + settings.resourceGroup()
            + "/providers/Microsoft.ContainerInstance/containerGroups/"
            + name);
  }
}
