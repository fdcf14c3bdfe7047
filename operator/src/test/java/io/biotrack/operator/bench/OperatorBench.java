package io.biotrack.operator.bench;

import io.biotrack.dispatch.DispatchSettings;
import io.biotrack.dispatch.DispatchState;
import io.biotrack.job.Job;
import io.biotrack.job.JobStatus;
import io.biotrack.launch.LaunchRequest;
import io.biotrack.launch.WorkerLauncher;
import io.biotrack.launch.WorkloadHandle;
import io.biotrack.launch.WorkloadStatus;
import io.biotrack.operator.OperatorHarness;
import io.biotrack.operator.biojob.BioJob;
import io.biotrack.operator.biojob.BioJobSpec;
import io.biotrack.operator.biojob.BioJobStatus;
import io.biotrack.operator.biojob.Launcher;
import io.biotrack.operator.config.JobDefaults;
import io.biotrack.operator.launch.Launchers;
import io.biotrack.shard.ShardSet;
import io.biotrack.shard.Tally;
import io.biotrack.storage.BlobStore;
import io.biotrack.testing.FakeShardOutput;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * BioJobs of several shards each on fabric8's mock API server, with a launcher whose workers finish
 * at once (each launch writes its shard's results): how long until every BioJob shows a terminal
 * phase, and the peak heap of the operator's JVM. The mock server runs in a JVM of its own, so its
 * heap (it keeps every object and watch) is not counted. Not a test: run it with {@code
 * scripts/bench-operator [jobs] [maxConcurrentWorkloads] [shardsPerJob]}.
 *
 * <p>Baseline, in the same run: creating the BioJobs and writing one status to each through the
 * same client and mock server, with no operator: the API traffic the operator cannot avoid.
 */
public final class OperatorBench {
  private OperatorBench() {}

  /** Plays instant workers: the launch itself writes the shard's results and progress. */
  static final class InstantLauncher implements WorkerLauncher {
    private final BlobStore blobs;

    InstantLauncher(BlobStore blobs) {
      this.blobs = blobs;
    }

    @Override
    public String kind() {
      return "local";
    }

    @Override
    public WorkloadHandle launch(LaunchRequest request) {
      FakeShardOutput.complete(blobs, request.task());
      return new WorkloadHandle(kind(), request.workloadName(), request.workloadName());
    }

    @Override
    public WorkloadStatus status(WorkloadHandle handle) {
      return WorkloadStatus.succeeded();
    }

    @Override
    public void delete(WorkloadHandle handle) {}
  }

  /** The mock API server alone: prints its URL, runs until its standard input closes. */
  public static final class MockApiServer {
    public static void main(String[] args) throws Exception {
      KubernetesMockServer server =
          new KubernetesMockServer(
              new Context(),
              new MockWebServer(),
              new HashMap<>(),
              new KubernetesCrudDispatcher(),
              false);
      server.init(InetAddress.getLoopbackAddress(), 0);
      try (KubernetesClient client = server.createClient()) {
        System.out.println("MOCK_URL " + client.getMasterUrl());
        System.out.flush();
      }
      while (System.in.read() >= 0) {
        // until the bench closes the pipe
      }
      server.destroy();
    }
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int cap = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int shards = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path dataDir = Files.createTempDirectory("biotrack-bench");
    Process mock =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                MockApiServer.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String url = mockUrl(mock);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl(url)
                    .withNamespace("test")
                    .withTrustCerts(true)
                    .build())
            .build();
    try {
      Duration baseline = baseline(client, count, shards);
      JobDefaults defaults =
          new JobDefaults(
              Launcher.LOCAL, new io.biotrack.launch.WorkerResources(2, 4, 0), "m", 3, null, null);
      DispatchSettings dispatch =
          new DispatchSettings(
              cap, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(2));
      try (OperatorHarness harness =
          new OperatorHarness(client, dataDir, dispatch, defaults, Duration.ofSeconds(5))) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          Job job = harness.queuedJob("tenant-" + (i % 10), shards, 1);
          jobs.add(job);
          harness.createBioJob(job, r -> {});
        }
        System.gc();
        resetPeaks();
        AfterGc afterGc = AfterGc.watch();
        long start = System.nanoTime();
        harness.startOperator(new Launchers().with(new InstantLauncher(harness.blobs())));
        while (terminal(client) < count) {
          Thread.sleep(1000);
          if (Duration.ofNanos(System.nanoTime() - start).toMinutes() > 20) {
            throw new IllegalStateException(
                "not finished after 20 minutes: " + terminal(client) + " of " + count);
          }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long peak = peakHeap();
        long completed =
            jobs.stream().map(harness::job).filter(j -> j.status() == JobStatus.COMPLETED).count();
        System.out.printf(
            Locale.ROOT,
            "bioJobs=%d shardsEach=%d maxConcurrentWorkloads=%d completed=%d%n"
                + "operator: %.2f s to all terminal (%.0f BioJobs/s, %.0f shards/s)%n"
                + "baseline (create + one status write per BioJob, no operator): %.2f s%n"
                + "ratio operator/baseline: %.2f%n"
                + "operator JVM heap during the run: peak used %d MiB, peak after a GC %d MiB"
                + " (-Xmx %d MiB; mock server in its own JVM)%n",
            count,
            shards,
            cap,
            completed,
            seconds(elapsed),
            count / seconds(elapsed),
            count * shards / seconds(elapsed),
            seconds(baseline),
            seconds(elapsed) / seconds(baseline),
            peak >> 20,
            afterGc.peak() >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
      }
    } finally {
      client.close();
      mock.getOutputStream().close();
      mock.waitFor();
    }
  }

  private static String mockUrl(Process mock) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(mock.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("MOCK_URL ")) {
        return line.substring("MOCK_URL ".length());
      }
    }
    throw new IllegalStateException("the mock API server did not start");
  }

  /** What the API server sees at the least: each BioJob created, and its final status written. */
  static Duration baseline(KubernetesClient client, int count, int shards) {
    OperatorHarness.createCrd(client);
    String namespace = "baseline";
    DispatchState done =
        new DispatchState(
            Instant.now(),
            Instant.now(),
            shards,
            List.of(),
            ShardSet.parse(shards == 1 ? "0" : "0-" + (shards - 1)),
            new Tally(shards, 0, 0));
    BioJobStatus finished = BioJobStatus.of(done, "COMPLETED", shards, 0, 0, 1, null, null, 1L);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      BioJob resource = new BioJob();
      resource.setMetadata(
          new ObjectMetaBuilder().withName("job-" + i).withNamespace(namespace).build());
      resource.setSpec(
          new BioJobSpec(
              "0000000000000000000000000" + (i % 10),
              "t",
              shards,
              null,
              null,
              Launcher.LOCAL,
              null,
              null,
              null,
              null,
              null));
      BioJob created =
          client.resources(BioJob.class).inNamespace(namespace).resource(resource).create();
      client
          .resources(BioJob.class)
          .inNamespace(namespace)
          .resource(created)
          .editStatus(
              r -> {
                r.setStatus(finished);
                return r;
              });
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    client.resources(BioJob.class).inNamespace(namespace).delete();
    return elapsed;
  }

  static long terminal(KubernetesClient client) {
    return client
        .resources(BioJob.class)
        .inNamespace(OperatorHarness.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .filter(r -> r.getStatus() != null && r.getStatus().finishedAt() != null)
        .count();
  }

  /**
   * The heap in use right after each garbage collection, at its highest: what the operator keeps
   * (peak "used" also counts garbage a lazy collector has not freed yet).
   */
  static final class AfterGc {
    private final java.util.concurrent.atomic.AtomicLong peak =
        new java.util.concurrent.atomic.AtomicLong();

    static AfterGc watch() {
      AfterGc watcher = new AfterGc();
      for (java.lang.management.GarbageCollectorMXBean gc :
          ManagementFactory.getGarbageCollectorMXBeans()) {
        ((javax.management.NotificationEmitter) gc)
            .addNotificationListener(
                (notification, handback) -> {
                  if (notification
                      .getType()
                      .equals(
                          com.sun.management.GarbageCollectionNotificationInfo
                              .GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info =
                        com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long heap = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                      var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                      if (pool.getType() == MemoryType.HEAP && after != null) {
                        heap += after.getUsed();
                      }
                    }
                    watcher.peak.accumulateAndGet(heap, Math::max);
                  }
                },
                null,
                null);
      }
      return watcher;
    }

    long peak() {
      return peak.get();
    }
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
