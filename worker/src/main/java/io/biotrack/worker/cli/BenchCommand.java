package io.biotrack.worker.cli;

import io.biotrack.worker.bench.Benchmark;
import io.biotrack.worker.bench.ClassifierBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: the worker's throughput against the model alone and the Python reference. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures, in one run, after untimed warm-up rounds, rounds of the FP32 GEMM peak and"
          + " four passes (Java bare forward, Python bare forward, Java full pipeline, Python full"
          + " pipeline; even rounds in reverse order) on the same model, photos and thread count,"
          + " with wall and CPU time and the load average per pass; reports images/s, the"
          + " pipeline/forward and Java/Python ratios (medians of per-round ratios), the forward"
          + " passes as shares of the GEMM peak, decode + letterbox + tensor of a 12 MP photo on"
          + " both sides, the CPU model, the allocator and the machine's load average.",
      "With --classifier DIR it measures instead what classification adds: the detector pipeline"
          + " alone and with the species stage classifying --crops-per-photo crops of each photo,"
          + " interleaved rounds, the ratio by wall and by CPU time (goal <= 1.25).",
      "Make the benchmark model first: /usr/bin/python3 worker/scripts/make_bench_model.py"
          + " (and the classifier: worker/scripts/make_bench_classifier.py)"
    })
public final class BenchCommand implements Callable<Integer> {
  @Mixin ModelOptions modelOptions;

  @Option(
      names = "--images",
      required = true,
      paramLabel = "DIR",
      description = "Photos to run (e.g. the camera-trap samples).")
  Path images;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Rounds; each times one pass of every measure (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--warmup-rounds",
      defaultValue = "1",
      description =
          "Untimed rounds of every measure before the timed ones (default: ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(
      names = "--gflops",
      paramLabel = "G",
      description =
          "GFLOPs of one forward of the model at 1280x1280, for its share of the GEMM peak"
              + " (default: known for the benchmark model, MDv5a/b and the test model).")
  Double gflops;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      description = "Python with torch, OpenCV, Pillow and numpy (default: ${DEFAULT-VALUE}).")
  Path python;

  @Option(
      names = "--reference",
      defaultValue = "worker/scripts/md_reference.py",
      description = "The Python reference pipeline (default: ${DEFAULT-VALUE}).")
  Path reference;

  @Option(names = "--no-python", description = "Skip the Python reference.")
  boolean noPython;

  @Option(
      names = "--preprocess-only",
      description =
          "Only the decode + letterbox micro benchmark (no model needed): a 12 MP photo made from"
              + " the first image, Java against Pillow + OpenCV when the Python reference can run.")
  boolean preprocessOnly;

  @Option(
      names = "--decode-threads",
      paramLabel = "N",
      description =
          "Decoder threads of the Java pipeline (default: as detect) and of the preprocessing"
              + " throughput run (default: all cores).")
  int decodeThreads;

  @Option(
      names = "--classifier",
      paramLabel = "DIR",
      description =
          "A SpeciesNet model folder: measure the detector pipeline alone against detector +"
              + " classification on the same photos (no Python, no GEMM peak).")
  Path classifier;

  @Option(
      names = "--crops-per-photo",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "With --classifier: crops classified per photo, in place of the benchmark detector's"
              + " random detections (default: ${DEFAULT-VALUE}; docs/performance.md says why).")
  int cropsPerPhoto;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(images)) {
      System.err.println("biotrack-worker bench: not a folder: " + images);
      return 2;
    }
    if (classifier != null) {
      if (cropsPerPhoto < 1) {
        System.err.println("biotrack-worker bench: --crops-per-photo must be at least 1");
        return 2;
      }
      ClassifierBench bench =
          new ClassifierBench(
              new ClassifierBench.Settings(
                  modelOptions.requireModel(),
                  classifier,
                  images,
                  modelOptions.effectiveThreads(),
                  Math.max(1, rounds),
                  Math.max(0, warmupRounds),
                  modelOptions.cacheDir,
                  Math.max(0, decodeThreads),
                  cropsPerPhoto),
              System.err);
      System.out.print(bench.run().format());
      return 0;
    }
    boolean withPython = !noPython;
    if (withPython && !Files.isRegularFile(reference)) {
      System.err.println(
          "biotrack-worker bench: no Python reference at "
              + reference
              + " (run from the repository root, pass --reference, or --no-python)");
      return 2;
    }
    Path work = Files.createTempDirectory("biotrack-bench");
    try {
      Benchmark.Settings settings =
          new Benchmark.Settings(
              preprocessOnly ? modelOptions.model : modelOptions.requireModel(),
              images,
              modelOptions.effectiveThreads(),
              Math.max(1, rounds),
              Math.max(0, warmupRounds),
              modelOptions.cacheDir,
              withPython ? python : null,
              reference,
              work,
              Math.max(0, decodeThreads),
              gflops != null ? gflops : Double.NaN);
      Benchmark benchmark = new Benchmark(settings, System.err);
      System.out.print(
          preprocessOnly ? benchmark.runPreprocessOnly().format() : benchmark.run().format());
      return 0;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
