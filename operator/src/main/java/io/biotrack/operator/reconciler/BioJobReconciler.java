package io.biotrack.operator.reconciler;

import io.biotrack.dispatch.Admission;
import io.biotrack.dispatch.DispatchEngine;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchState;
import io.biotrack.dispatch.ShardState;
import io.biotrack.job.Job;
import io.biotrack.job.JobLogContext;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.config.JobDefaults;
import io.biotrack.operator.launch.Launchers;
import io.biotrack.operator.launch.WorkloadEvents;
import io.biotrack.storage.BlobStore;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JOSDK glue around core's {@link DispatchEngine}: one BioJob is one tracked job, its status is the
 * engine's ledger ({@link BioJobLedger}), admission counts every BioJob in the informer cache, and
 * the launchers are bound to the BioJob that owns their workloads. The decisions, retries,
 * deadline, TTL and write-ahead launches are the engine's, shared with the embedded dispatcher.
 *
 * <p>The operator is told instead of asking: its launchers' workloads (informers on worker Jobs and
 * Pods, a poll of ACI container groups) and the live job records (one listing every few seconds)
 * reconcile a BioJob when they change; the engine's own rechecks (progress, backoff, TTL) are
 * scheduled reconciles. When workloads end, the jobs waiting for slots are woken first in line
 * first.
 */
@ControllerConfiguration(name = BioJobReconciler.NAME)
public class BioJobReconciler implements Reconciler<BioJob>, Cleaner<BioJob> {
  public static final String NAME = "biojob";
  private static final Logger log = LoggerFactory.getLogger(BioJobReconciler.class);
  private static final String BY_JOB_ID = "jobId";

  private final JobStore jobs;
  private final DispatchEngine engine;
  private final JobDefaults defaults;
  private final Launchers launchers;
  private final BioJobEvents events;
  private final StatusWriter statusWriter;
  private final Duration recordPoll;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final SimpleInboundEventSource<BioJob> wakeUps =
      new SimpleInboundEventSource<>("wake-ups");

  /**
   * Each BioJob's admission entry by uid, for the resource version it was read from: admission
   * looks at every BioJob for every grant, and parsing a thousand statuses each time costs more
   * than the rest of a round.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, CachedEntry> entries =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record CachedEntry(String resourceVersion, Admission.Entry entry) {}

  private volatile IndexerResourceCache<BioJob> bioJobs;

  /**
   * @param blobs the shards' progress reports and results (the engine merges them)
   * @param recordPoll how often the live job records are listed
   */
  public BioJobReconciler(
      JobStore jobs,
      BlobStore blobs,
      DispatchPolicy policy,
      JobDefaults defaults,
      Launchers launchers,
      BioJobEvents events,
      boolean serverSideApply,
      Duration recordPoll,
      Clock clock,
      MeterRegistry metrics) {
    this.jobs = jobs;
    this.engine =
        new DispatchEngine(
            jobs,
            blobs,
            policy,
            new Admission(policy.settings().maxConcurrentWorkloads(), 0),
            clock);
    this.defaults = defaults;
    this.launchers = launchers;
    this.events = events;
    this.statusWriter = new StatusWriter(serverSideApply);
    this.recordPoll = recordPoll;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, BioJob>> prepareEventSources(EventSourceContext<BioJob> context) {
    bioJobs = context.getPrimaryCache();
    bioJobs.addIndexer(BY_JOB_ID, resource -> List.of(resource.getSpec().jobId()));
    metrics.gauge("biotrack.workloads.active", this, BioJobReconciler::activeWorkloads);
    metrics.gauge("biotrack.jobs.waiting", this, BioJobReconciler::waitingJobs);
    WorkloadEvents.BioJobIndex index = this::bioJobOf;
    List<EventSource<?, BioJob>> sources = new ArrayList<>();
    sources.add(wakeUps);
    sources.add(JobRecordEvents.source(jobs, index, recordPoll));
    for (WorkloadEvents watched : launchers.events()) {
      sources.addAll(watched.eventSources(context, index));
    }
    return sources;
  }

  @Override
  public UpdateControl<BioJob> reconcile(BioJob resource, Context<BioJob> context) {
    BioJobSpec spec = resource.getSpec();
    try (JobLogContext ignored = JobLogContext.enter(spec.tenant(), spec.jobId())) {
      return reconcileJob(resource, context);
    }
  }

  private UpdateControl<BioJob> reconcileJob(BioJob resource, Context<BioJob> context) {
    BioJobLedger ledger = new BioJobLedger(resource, context, statusWriter, events, metrics, clock);
    Instant next =
        engine.reconcile(
            tracked(resource),
            resource.currentStatus().dispatchState(),
            ledger,
            kind -> launchers.launcher(kind, ledger.current()),
            this::everyone);
    if (ledger.ended() > 0) {
      wakeWaiting(resource, ledger.ended());
    }
    if (next == null) {
      return UpdateControl.noUpdate();
    }
    Duration after = Duration.between(clock.instant(), next);
    return UpdateControl.<BioJob>noUpdate()
        .rescheduleAfter(after.isNegative() ? Duration.ZERO : after);
  }

  /**
   * Deletes the workloads of a BioJob being deleted (a Job's garbage collection would, an ACI
   * group's would not); a job still running fails.
   */
  @Override
  public DeleteControl cleanup(BioJob resource, Context<BioJob> context) {
    BioJobSpec spec = resource.getSpec();
    try (JobLogContext ignored = JobLogContext.enter(spec.tenant(), spec.jobId())) {
      return cleanupJob(resource);
    }
  }

  private DeleteControl cleanupJob(BioJob resource) {
    DispatchState state = resource.currentStatus().dispatchState();
    for (ShardState shard : state.shards()) {
      if (shard.running()) {
        try {
          launchers.launcher(shard.workload().kind(), resource).delete(shard.workload());
        } catch (LaunchRejectedException notHere) {
          // No such launcher here: nothing of that kind runs.
        }
      }
    }
    BioJobSpec spec = resource.getSpec();
    jobs.find(spec.tenant(), spec.jobId())
        .filter(job -> !job.isTerminal())
        .ifPresent(this::failForDeletedBioJob);
    wakeWaiting(resource, state.workloads());
    return DeleteControl.defaultDelete();
  }

  private void failForDeletedBioJob(Job job) {
    try {
      jobs.compareAndSet(
          job, job.moveTo(JobStatus.FAILED, "its BioJob was deleted", clock.instant()));
    } catch (RuntimeException e) {
      log.warn("could not fail job {} after its BioJob was deleted: {}", job.id(), e.toString());
    }
  }

  private DispatchEngine.Tracked tracked(BioJob resource) {
    BioJobSpec spec = resource.getSpec();
    return new DispatchEngine.Tracked(
        spec.jobId(),
        spec.tenant(),
        queuedAt(resource),
        spec.cancelRequested(),
        defaults.limitsFor(spec),
        defaults.resourcesFor(spec),
        defaults.modelFor(spec),
        defaults.launcherFor(spec).kind());
  }

  /** Every BioJob as admission counts it, from the informer cache (no request). */
  private Collection<Admission.Entry> everyone() {
    List<BioJob> all = bioJobs.list().toList();
    if (entries.size() > 2 * all.size() + 100) {
      // Drop the entries of deleted BioJobs now and then.
      java.util.Set<String> live = new java.util.HashSet<>();
      all.forEach(resource -> live.add(resource.getMetadata().getUid()));
      entries.keySet().retainAll(live);
    }
    return all.stream().map(this::entry).toList();
  }

  private Admission.Entry entry(BioJob resource) {
    String uid = resource.getMetadata().getUid();
    String version = resource.getMetadata().getResourceVersion();
    CachedEntry cached = uid == null ? null : entries.get(uid);
    if (cached != null && version != null && version.equals(cached.resourceVersion())) {
      return cached.entry();
    }
    Admission.Entry entry =
        resource
            .currentStatus()
            .dispatchState()
            .entry(
                resource.getSpec().jobId(),
                queuedAt(resource),
                defaults.resourcesFor(resource.getSpec()).cpu());
    if (uid != null && version != null) {
      entries.put(uid, new CachedEntry(version, entry));
    }
    return entry;
  }

  /**
   * Up to {@code slots} BioJobs that want workloads reconcile now: those holding the fewest first
   * (a job at its fair share would get nothing), then first in line first.
   */
  private void wakeWaiting(BioJob self, int slots) {
    if (bioJobs == null || slots <= 0) {
      return;
    }
    String selfId = self.getSpec().jobId();
    record Candidate(BioJob resource, Admission.Entry entry) {}
    bioJobs
        .list()
        .filter(other -> !other.getSpec().jobId().equals(selfId))
        .map(other -> new Candidate(other, entry(other)))
        .filter(candidate -> candidate.entry().wantsMore())
        .sorted(
            java.util.Comparator.<Candidate>comparingInt(c -> c.entry().workloads())
                .thenComparing(Candidate::entry, Admission.ORDER))
        .limit(slots)
        .forEach(
            candidate -> wakeUps.propagateEvent(ResourceID.fromResource(candidate.resource())));
  }

  private Optional<ResourceID> bioJobOf(String jobId) {
    IndexerResourceCache<BioJob> cache = bioJobs;
    if (cache == null) {
      return Optional.empty();
    }
    return cache.byIndex(BY_JOB_ID, jobId).stream().findFirst().map(ResourceID::fromResource);
  }

  private long activeWorkloads() {
    return bioJobs == null ? 0 : bioJobs.list().mapToLong(b -> entry(b).workloads()).sum();
  }

  private long waitingJobs() {
    return bioJobs == null
        ? 0
        : bioJobs
            .list()
            .filter(
                b ->
                    b.currentStatus().admittedAt() == null
                        && b.currentStatus().finishedAt() == null)
            .count();
  }

  private static Instant queuedAt(BioJob resource) {
    String created = resource.getMetadata().getCreationTimestamp();
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }
}
