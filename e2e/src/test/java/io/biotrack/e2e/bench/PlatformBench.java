package io.biotrack.e2e.bench;

import io.biotrack.e2e.support.Api;
import io.biotrack.e2e.support.Repo;
import io.biotrack.e2e.support.SampleImages;
import io.biotrack.e2e.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Platform throughput against the worker alone: a job of N photos (default 2,000 small ones made
 * from the samples) in shards of N/2 on {@code ./biotrack up --workers 2}, each worker with {@code
 * threads} inference threads (at least 2, as the workers run), from start to COMPLETED (uploads
 * excluded), against {@code biotrack detect} over the same folder with 2 × threads, in interleaved
 * rounds. Both run with the environment they are given (the embedded launcher adds its own settings
 * for its workers, such as {@code OMP_WAIT_POLICY}, as it does for any job). Prints photos/s of
 * each, their ratio (goal ≥ 0.9) and the load average before and after. Not a test: run it with
 * {@code scripts/bench-platform [photos] [threads] [rounds]}.
 */
public final class PlatformBench {
  public static void main(String[] args) throws Exception {
    int photos = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    // A worker runs at least 2 inference threads whatever it is asked for (with one, libtorch's
    // boxes drift from MegaDetector's: EmbeddedProperties.effectiveWorkerThreads, DjlRuntime), so
    // detect gets twice what each worker really runs, not twice what was asked: "1" used to
    // compare 4 threads in the workers with 2 in detect.
    int threads = Math.max(2, args.length > 1 ? Integer.parseInt(args[1]) : 2);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    System.out.printf(
        "load average before: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    Path work = Repo.workDir("platform-bench");
    Path folder = work.resolve("photos");
    List<Api.Upload> files = SampleImages.small(photos, 250, 7);
    SampleImages.write(folder, files);

    List<Double> detect = new ArrayList<>();
    List<Double> platform = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (boolean detectFirst : new boolean[] {round % 2 == 1}) {
        for (int step = 0; step < 2; step++) {
          boolean isDetect = (step == 0) == detectFirst;
          double rate =
              isDetect
                  ? detect(folder, work.resolve("detect-" + round + ".json"), 2 * threads, photos)
                  : platform(work.resolve("platform-" + round), files, threads, photos);
          (isDetect ? detect : platform).add(rate);
          System.out.printf(
              "round %d %-8s %.2f photos/s%n", round, isDetect ? "detect" : "platform", rate);
        }
      }
    }
    double d = median(detect);
    double p = median(platform);
    System.out.printf(
        "median: detect (%d threads) %.2f photos/s, platform (2 workers x %d threads, 2 shards)"
            + " %.2f photos/s, platform/detect %.2f (goal >= 0.9)%n",
        2 * threads, d, threads, p, p / d);
    System.out.printf(
        "load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static double detect(Path folder, Path output, int threads, int photos) throws Exception {
    List<String> command =
        List.of(
            ServiceProcess.javaBin(),
            "-jar",
            Repo.workerJar().toString(),
            "detect",
            folder.toString(),
            "-o",
            output.toString(),
            "--model",
            Repo.testModel().toString(),
            "--threads",
            Integer.toString(threads));
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.resolveSibling(output.getFileName() + ".log").toFile())
            .start();
    if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
      throw new IllegalStateException("detect failed; see " + output + ".log");
    }
    return photos / ((System.nanoTime() - start) / 1e9);
  }

  private static double platform(Path work, List<Api.Upload> files, int threads, int photos)
      throws Exception {
    try (ServiceProcess up =
        ServiceProcess.up(
            work.resolve("data"),
            ServiceProcess.freePort(),
            Map.of("BIOTRACK_WORKERS", "2", "BIOTRACK_WORKER_THREADS", Integer.toString(threads)),
            work.resolve("gateway.log"))) {
      Api api = new Api(up.baseUrl());
      String id = api.createRegisterAndUpload("bench", files, (photos + 1) / 2);
      long start = System.nanoTime();
      api.start(id);
      while (true) {
        String status = api.job(id).path("status").asText();
        if (status.equals("COMPLETED")) {
          break;
        }
        if (status.equals("FAILED") || status.equals("CANCELLED")) {
          throw new IllegalStateException("the bench job ended " + status + "; see " + work);
        }
        Thread.sleep(200);
      }
      return photos / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
