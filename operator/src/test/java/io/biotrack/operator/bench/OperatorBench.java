package io.biotrack.operator.bench;

import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.job.JobStore;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.config.JobDefaults;
import io.biotrack.operator.launch.Launchers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * 1,000 BioJobs on fabric8's mock API server with a launcher whose workers finish at once: how
 * long until every BioJob shows a terminal phase, and the peak heap. Not a test: run it with
 * {@code scripts/bench-operator [jobs] [maxConcurrentWorkloads]}.
 *
 * <p>Baseline, in the same run: creating the BioJobs and writing one status to each through the
 * same client and mock server, with no operator: the API traffic the operator cannot avoid.
 */
public final class OperatorBench {
  private OperatorBench() {}

  /** Plays an instant worker: the launch itself runs the job to COMPLETED. */
  static final class InstantLauncher implements WorkerLauncher {
    private final JobStore jobs;

    InstantLauncher(JobStore jobs) {
      this.jobs = jobs;
    }

    @Override
    public String kind() {
      return "local";
    }

    @Override
    public WorkloadHandle launch(LaunchRequest request) {
      Job job = jobs.get(request.tenant(), request.jobId());
      if (job.status() == JobStatus.LAUNCHING) {
        Instant now = Instant.now();
        Job processing = jobs.compareAndSet(job, job.moveTo(JobStatus.PROCESSING, null, now));
        int images = processing.counts().imageCount();
        jobs.compareAndSet(
            processing,
            processing.withCounts(processing.counts().withProgress(images, 0, images), now)
                .moveTo(JobStatus.COMPLETED, null, now));
      }
      return new WorkloadHandle(kind(), request.workloadName(), request.workloadName());
    }

    @Override
    public WorkloadStatus status(WorkloadHandle handle) {
      return WorkloadStatus.succeeded();
    }

    @Override
    public void delete(WorkloadHandle handle) {}
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int cap = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path dataDir = Files.createTempDirectory("biotrack-bench");
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    KubernetesClient client = server.createClient();
    try {
      Duration baseline = baseline(client, count);
      JobDefaults defaults =
          new JobDefaults(Launcher.LOCAL, new io.biotrack.launch.WorkerResources(2, 4, 0), "m", 3, null, null);
      DispatchSettings dispatch =
          new DispatchSettings(cap, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(2));
      try (OperatorHarness harness = new OperatorHarness(client, dataDir, dispatch, defaults)) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          Job job = harness.queuedJob("tenant-" + (i % 10));
          jobs.add(job);
          harness.createBioJob(job, r -> {});
        }
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        harness.startOperator(new Launchers().with(new InstantLauncher(harness.jobs())));
        while (terminal(client) < count) {
          Thread.sleep(500);
          if (Duration.ofNanos(System.nanoTime() - start).toMinutes() > 10) {
            throw new IllegalStateException("not finished after 10 minutes: " + terminal(client) + " of " + count);
          }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long peak = peakHeap();
        long completed = jobs.stream().map(harness::job).filter(j -> j.status() == JobStatus.COMPLETED).count();
        System.out.printf(Locale.ROOT,
            "bioJobs=%d maxConcurrentWorkloads=%d completed=%d%n"
                + "operator: %.2f s to all terminal (%.0f BioJobs/s)%n"
                + "baseline (create + one status write per BioJob, no operator): %.2f s%n"
                + "ratio operator/baseline: %.2f%n"
                + "peak heap during the run: %d MiB (-Xmx %d MiB)%n",
            count, cap, completed, seconds(elapsed), count / seconds(elapsed), seconds(baseline),
            seconds(elapsed) / seconds(baseline), peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
      }
    } finally {
      client.close();
      server.destroy();
    }
  }

  static Duration baseline(KubernetesClient client, int count) {
    OperatorHarness.createCrd(client);
    String namespace = "baseline";
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      BioJob resource = new BioJob();
      resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
          .withName("job-" + i).withNamespace(namespace).build());
      resource.setSpec(new io.biotrack.operator.biojob.BioJobSpec(
          "0000000000000000000000000" + (i % 10), "t", 1, null, null, Launcher.LOCAL, null, null, null, null, null));
      BioJob created = client.resources(BioJob.class).inNamespace(namespace).resource(resource).create();
      created.setStatus(io.biotrack.operator.biojob.BioJobStatus.EMPTY);
      client.resources(BioJob.class).inNamespace(namespace).resource(created).editStatus(r -> {
        r.setStatus(new io.biotrack.operator.biojob.BioJobStatus("COMPLETED", 1, null, null, null, null, null, null, 1, 0, null, null, 1L));
        return r;
      });
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    client.resources(BioJob.class).inNamespace(namespace).delete();
    return elapsed;
  }

  static long terminal(KubernetesClient client) {
    return client.resources(BioJob.class).inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(r -> r.getStatus() != null && r.getStatus().finishedAt() != null)
        .count();
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
