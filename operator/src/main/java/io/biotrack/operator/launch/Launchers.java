package io.biotrack.operator.launch;

import io.biotrack.launch.WorkerLauncher;
import io.biotrack.operator.biojob.BioJob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The configured launchers by kind, and the event sources that watch their workloads. */
public final class Launchers implements LauncherFactory {
  private final Map<String, Function<BioJob, WorkerLauncher>> byKind = new HashMap<>();
  private final Map<String, String> missing = new HashMap<>();
  private final List<WorkloadEvents> events = new ArrayList<>();

  /** Adds a launcher that does not depend on the owner. */
  public Launchers with(WorkerLauncher launcher) {
    byKind.put(launcher.kind(), owner -> launcher);
    if (launcher instanceof WorkloadEvents watched) {
      events.add(watched);
    }
    return this;
  }

  /** Adds a launcher made per owner. */
  public Launchers with(String kind, Function<BioJob, WorkerLauncher> perOwner) {
    byKind.put(kind, perOwner);
    return this;
  }

  /** Adds the event sources that watch workloads of launchers added per owner. */
  public Launchers watchedBy(WorkloadEvents sources) {
    if (!events.contains(sources)) {
      events.add(sources);
    }
    return this;
  }

  /** Notes why a kind is not available, for the job's failure message. */
  public Launchers without(String kind, String why) {
    missing.put(kind, why);
    return this;
  }

  @Override
  public WorkerLauncher launcher(String kind, BioJob owner) {
    Function<BioJob, WorkerLauncher> make = byKind.get(kind);
    if (make == null) {
      throw new LauncherUnavailableException(kind, missing.getOrDefault(kind, "not configured"));
    }
    return make.apply(owner);
  }

  /** What watches the configured launchers' workloads. */
  public List<WorkloadEvents> events() {
    return List.copyOf(events);
  }
}
