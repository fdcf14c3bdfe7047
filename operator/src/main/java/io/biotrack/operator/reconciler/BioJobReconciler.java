package io.biotrack.operator.reconciler;

import io.biotrack.dispatch.Capacity;
import io.biotrack.dispatch.Decision;
import io.biotrack.dispatch.DispatchActions;
import io.biotrack.dispatch.DispatchActions.Outcome;
import io.biotrack.dispatch.DispatchInput;
import io.biotrack.dispatch.DispatchPolicy;
import io.biotrack.dispatch.DispatchState;
import io.biotrack.job.ConcurrentUpdateException;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRejectedException;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadNames;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.BioJobStatus;
import io.biotrack.operator.config.JobDefaults;
import io.biotrack.operator.launch.LauncherFactory;
import io.biotrack.operator.launch.LauncherUnavailableException;
import io.biotrack.operator.reconciler.BioJobEvents.Reason;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one BioJob: observe (workload first, then the job record) → decide ({@link
 * DispatchPolicy}) → act ({@link DispatchActions}) → write status, repeated while the next step
 * needs no waiting. The decisions live in core's policy; this class only connects it to
 * Kubernetes.
 */
@ControllerConfiguration(name = BioJobReconciler.NAME)
public class BioJobReconciler implements Reconciler<BioJob>, Cleaner<BioJob> {
  public static final String NAME = "biojob";
  private static final Logger log = LoggerFactory.getLogger(BioJobReconciler.class);
  /** Steps per reconcile; a job's whole life takes fewer, the bound only stops a livelock. */
  private static final int MAX_STEPS = 8;
  /**
   * A job waiting for a slot is woken when one frees ({@link Admission#release}); this slower
   * poll only covers a missed wake-up, and keeps a long queue from costing CPU.
   */
  private static final Duration ADMISSION_RECHECK = Duration.ofSeconds(30);

  private final JobStore jobs;
  private final DispatchPolicy policy;
  private final DispatchActions actions;
  private final JobDefaults defaults;
  private final LauncherFactory launchers;
  private final BioJobEvents events;
  private final StatusWriter statusWriter;
  private final StatusMirror mirror = new StatusMirror();
  private final Clock clock;
  private final SimpleInboundEventSource<BioJob> wakeUps = new SimpleInboundEventSource<>("wake-ups");
  private final MeterRegistry metrics;
  private volatile Admission admission;

  public BioJobReconciler(
      JobStore jobs,
      DispatchPolicy policy,
      JobDefaults defaults,
      LauncherFactory launchers,
      BioJobEvents events,
      boolean serverSideApply,
      Clock clock,
      MeterRegistry metrics) {
    this.jobs = jobs;
    this.policy = policy;
    this.actions = new DispatchActions(jobs, clock);
    this.defaults = defaults;
    this.launchers = launchers;
    this.events = events;
    this.statusWriter = new StatusWriter(serverSideApply);
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, BioJob>> prepareEventSources(EventSourceContext<BioJob> context) {
    admission =
        new Admission(
            () -> context.getPrimaryCache().list(),
            this::recordUnderway,
            policy.settings().maxConcurrentWorkloads());
    metrics.gauge("biotrack.workloads.active", admission, Admission::active);
    metrics.gauge("biotrack.jobs.waiting", admission, Admission::waiting);
    return List.of(wakeUps);
  }

  @Override
  public UpdateControl<BioJob> reconcile(BioJob resource, Context<BioJob> context) {
    BioJob current = resource;
    for (int step = 0; step < MAX_STEPS; step++) {
      BioJobSpec spec = current.getSpec();
      DispatchState state = current.currentStatus().dispatchState();
      WorkloadStatus observed = observe(current, state);
      Job job = jobs.find(spec.tenant(), spec.jobId()).orElse(null);
      Decision decision = decide(current, job, state, observed);
      metrics.counter("biotrack.dispatch.decisions", "decision", decision.getClass().getSimpleName()).increment();

      if (decision instanceof Decision.Remove remove) {
        log.info("deleting {}: {}", current.getMetadata().getName(), remove.reason());
        context.getClient().resource(current).delete();
        return UpdateControl.noUpdate();
      }
      Outcome outcome;
      try {
        outcome = act(current, decision, job, state);
      } catch (ConcurrentUpdateException lost) {
        continue; // another writer changed the record: observe again
      } catch (LauncherUnavailableException | LaunchRejectedException cannotRun) {
        decision = new Decision.Fail(cannotRun.getMessage());
        outcome = act(current, decision, job, state);
      }
      report(current, decision, outcome);
      BioJobStatus status = mirror.status(current, outcome.job(), outcome.state(), observed, decision, clock.instant());
      if (!status.equals(current.getStatus())) {
        current = statusWriter.write(current, status, context);
      }
      if (decision instanceof Decision.Finish) {
        admission.release(current, this::wake);
      }
      if (!decision.continues()) {
        Decision.Wait wait = (Decision.Wait) decision;
        UpdateControl<BioJob> control = UpdateControl.noUpdate();
        if (wait.recheckAfter() == null) {
          return control;
        }
        boolean waitingForSlot = outcome.state().attempt() == 0 && outcome.job() != null
            && outcome.job().status() == JobStatus.QUEUED;
        return control.rescheduleAfter(
            waitingForSlot && ADMISSION_RECHECK.compareTo(wait.recheckAfter()) > 0
                ? ADMISSION_RECHECK
                : wait.recheckAfter());
      }
    }
    return UpdateControl.<BioJob>noUpdate().rescheduleAfter(policy.settings().pollInterval());
  }

  /** Deletes the workload of a BioJob being deleted; a job still running is failed. */
  @Override
  public DeleteControl cleanup(BioJob resource, Context<BioJob> context) {
    BioJobSpec spec = resource.getSpec();
    DispatchState state = resource.currentStatus().dispatchState();
    Optional<Job> job = jobs.find(spec.tenant(), spec.jobId());
    int attempt = Math.max(state.attempt(), job.map(Job::attempt).orElse(0));
    if (attempt > 0) {
      String kind =
          state.workload() != null ? state.workload().kind() : defaults.launcherFor(spec).kind();
      try {
        WorkerLauncher launcher = launchers.launcher(kind, resource);
        String name = WorkloadNames.of(spec.jobId(), attempt);
        String id = state.workload() != null && state.workload().name().equals(name) ? state.workload().id() : null;
        launcher.delete(new WorkloadHandle(kind, name, id));
      } catch (LauncherUnavailableException nothingLaunched) {
        // Such a job never had a workload.
      }
    }
    job.filter(j -> !j.isTerminal())
        .ifPresent(
            j -> {
              try {
                jobs.compareAndSet(
                    j, j.moveTo(JobStatus.FAILED, "its BioJob was deleted", clock.instant()));
              } catch (RuntimeException e) {
                log.warn("could not fail job {} after its BioJob was deleted: {}", j.id(), e.toString());
              }
            });
    admission.release(resource, this::wake);
    return DeleteControl.defaultDelete();
  }

  private WorkloadStatus observe(BioJob resource, DispatchState state) {
    if (state.workload() == null) {
      return WorkloadStatus.NOT_FOUND;
    }
    try {
      return launchers.launcher(state.workload().kind(), resource).status(state.workload());
    } catch (LauncherUnavailableException e) {
      return WorkloadStatus.NOT_FOUND;
    }
  }

  private Decision decide(BioJob resource, Job job, DispatchState state, WorkloadStatus observed) {
    BioJobSpec spec = resource.getSpec();
    var limits = defaults.limitsFor(spec);
    boolean waiting = job != null && job.status() == JobStatus.QUEUED && state.attempt() == 0;
    if (waiting && !spec.cancelRequested()) {
      return admission.decide(
          resource,
          capacity ->
              policy.decide(
                  new DispatchInput(job, state, observed, false, limits, capacity, clock.instant())));
    }
    return policy.decide(
        new DispatchInput(
            job, state, observed, spec.cancelRequested(), limits, new Capacity(0, 0), clock.instant()));
  }

  private Outcome act(BioJob resource, Decision decision, Job job, DispatchState state) {
    BioJobSpec spec = resource.getSpec();
    String kind =
        decision instanceof Decision.EndAttempt end
            ? end.workload().kind()
            : defaults.launcherFor(spec).kind();
    WorkerLauncher launcher =
        decision instanceof Decision.Launch || decision instanceof Decision.EndAttempt
            ? launchers.launcher(kind, resource)
            : null;
    return actions.apply(
        decision,
        job,
        state,
        launcher,
        attempt ->
            new LaunchRequest(
                spec.jobId(),
                spec.tenant(),
                attempt,
                defaults.resourcesFor(spec),
                defaults.modelFor(spec)));
  }

  private void report(BioJob resource, Decision decision, Outcome outcome) {
    if (decision instanceof Decision.Launch launch) {
      WorkloadHandle handle = outcome.state().workload();
      String what = "attempt " + launch.attempt() + " runs as " + handle.kind() + " workload " + handle.name();
      events.record(resource, launch.attempt() > 1 ? Reason.Retrying : Reason.Launched, what);
    } else if (decision instanceof Decision.EndAttempt end) {
      if (end.failure() != null) {
        events.record(resource, Reason.AttemptFailed, end.failure());
      } else {
        events.record(resource, Reason.Cleaned, "deleted workload " + end.workload().name());
      }
    } else if (decision instanceof Decision.Finish finish) {
      String message = outcome.job() != null && outcome.job().message() != null ? outcome.job().message() : "";
      Reason reason =
          switch (finish.outcome()) {
            case COMPLETED -> Reason.Completed;
            case CANCELLED -> Reason.Cancelled;
            default -> Reason.Failed;
          };
      events.record(resource, reason, message.isEmpty() ? "job " + finish.outcome() : message);
    }
  }

  /** The job record is past admission: a workload was (or is being) launched for it. */
  private boolean recordUnderway(BioJob resource) {
    return jobs.find(resource.getSpec().tenant(), resource.getSpec().jobId())
        .map(job -> job.status() == JobStatus.LAUNCHING || job.status() == JobStatus.PROCESSING)
        .orElse(false);
  }

  private void wake(BioJob job) {
    wakeUps.propagateEvent(ResourceID.fromResource(job));
  }
}
