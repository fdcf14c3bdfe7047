package io.biotrack.worker.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What {@code bench} measured, in one run on one machine: one {@link Pass} per round for each
 * {@link Measure}, and the machine's FP32 matrix-multiply peak once per round. Ratios are taken
 * within each round (the passes of a round ran back to back, under about the same machine load),
 * then the median over rounds is reported.
 *
 * @param machine CPU model, cores and allocator
 * @param passes one pass per round, in round order, for each measure taken (the Python ones are
 *     absent when the reference was not run)
 * @param gemm the FP32 GEMM peak measured in each round
 * @param preprocess the decode + letterbox micro benchmark
 * @param loadAtStart the machine's 1-minute load average when the run started (NaN if unknown)
 * @param loadAtEnd the same when it ended
 */
public record BenchReport(
    Setup setup,
    MachineInfo machine,
    Map<Measure, List<Pass>> passes,
    List<GemmPeak.Peak> gemm,
    PreprocessReport preprocess,
    double loadAtStart,
    double loadAtEnd) {

  /** Goals of issue 15, all on wall time (images/s) within a round. */
  public static final double PIPELINE_TO_FORWARD_GOAL = 0.95;

  public static final double JAVA_TO_PYTHON_GOAL = 1.2;
  public static final double FORWARD_TO_PEAK_GOAL = 0.95;

  /**
   * What ran.
   *
   * @param shapes the model input shapes, {@code WxH}
   * @param warmupRounds untimed rounds of every measure before the timed ones
   * @param pythonVersion null when the reference was not run
   * @param gflopsPerPass GFLOPs of one forward pass over all the photos; NaN when the model's cost
   *     is unknown
   */
  public record Setup(
      String model,
      int images,
      List<String> shapes,
      int threads,
      int rounds,
      int warmupRounds,
      double modelLoadSeconds,
      String pythonVersion,
      double gflopsPerPass) {}

  /** What a pass times, in the order of a round (the order reverses every other round). */
  public enum Measure {
    JAVA_FORWARD("Java bare forward"),
    PYTHON_FORWARD("Python bare forward"),
    JAVA_PIPELINE("Java full pipeline"),
    PYTHON_PIPELINE("Python full pipeline");

    private final String label;

    Measure(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public BenchReport {
    Map<Measure, List<Pass>> copy = new EnumMap<>(Measure.class);
    passes.forEach((measure, list) -> copy.put(measure, List.copyOf(list)));
    passes = Collections.unmodifiableMap(copy);
    gemm = List.copyOf(gemm);
  }

  /**
   * A forward pass's GFLOP/s over the same round's GEMM peak, per round; empty when the model's
   * cost or the peak is unknown.
   *
   * @param byCpu GFLOP per CPU second over the peak's, instead of by wall time
   */
  List<Double> shareOfPeak(Measure forward, boolean byCpu) {
    List<Pass> list = passes.getOrDefault(forward, List.of());
    List<Double> shares = new ArrayList<>();
    if (Double.isNaN(setup.gflopsPerPass())) {
      return shares;
    }
    for (int round = 0; round < Math.min(list.size(), gemm.size()); round++) {
      Pass pass = list.get(round);
      GemmPeak.Peak peak = gemm.get(round);
      shares.add(
          byCpu
              ? setup.gflopsPerPass() / pass.cpuSeconds() / peak.gflopsPerCpuSecond()
              : setup.gflopsPerPass() / pass.seconds() / peak.gflops());
    }
    return shares;
  }

  /** Java full pipeline / Java bare forward, images/s, median of the rounds' ratios. */
  public double pipelineToForward() {
    return medianRatio(Measure.JAVA_PIPELINE, Measure.JAVA_FORWARD, Pass::imagesPerSecond);
  }

  /** Java full pipeline / Python full pipeline, images/s, median of the rounds' ratios. */
  public double javaToPython() {
    return medianRatio(Measure.JAVA_PIPELINE, Measure.PYTHON_PIPELINE, Pass::imagesPerSecond);
  }

  /**
   * The numerator's rate over the denominator's, per round; empty when either was not measured.
   *
   * @param rate {@link Pass#imagesPerSecond} or {@link Pass#imagesPerCpuSecond}
   */
  List<Double> ratios(Measure numerator, Measure denominator, ToDoubleFunction<Pass> rate) {
    List<Pass> top = passes.getOrDefault(numerator, List.of());
    List<Pass> bottom = passes.getOrDefault(denominator, List.of());
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < Math.min(top.size(), bottom.size()); round++) {
      ratios.add(rate.applyAsDouble(top.get(round)) / rate.applyAsDouble(bottom.get(round)));
    }
    return ratios;
  }

  double medianRatio(Measure numerator, Measure denominator, ToDoubleFunction<Pass> rate) {
    return median(ratios(numerator, denominator, rate));
  }

  /** The median; NaN for no values. */
  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "machine: %s, %d cores for this JVM, Java %s%n",
            machine.cpuModel(),
            machine.cores(),
            machine.java()));
    out.append("allocator: ").append(machine.allocator()).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "model %s, %d photos (input shapes %s), %d threads, %d round(s) after %d warm-up"
                + " round(s), model load %.1f s%n",
            setup.model(),
            setup.images(),
            String.join(", ", setup.shapes()),
            setup.threads(),
            setup.rounds(),
            setup.warmupRounds(),
            setup.modelLoadSeconds()));
    out.append("Python reference: ")
        .append(setup.pythonVersion() != null ? setup.pythonVersion() : "not run (--no-python)")
        .append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "machine load average (1 min): %.1f at start, %.1f at end; per pass before/after:"
                + " %s%n%n",
            loadAtStart,
            loadAtEnd,
            loadRange()));

    out.append(
        String.format(
            Locale.ROOT,
            "%-22s %10s %12s   %s%n",
            "median over rounds",
            "images/s",
            "CPU s/image",
            "images/s per round"));
    for (Measure measure : Measure.values()) {
      List<Pass> list = passes.getOrDefault(measure, List.of());
      if (!list.isEmpty()) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-22s %10.4f %12.3f   %s%n",
                measure.label(),
                median(list.stream().map(Pass::imagesPerSecond).toList()),
                median(list.stream().map(Pass::cpuSecondsPerImage).toList()),
                list.stream()
                    .map(p -> String.format(Locale.ROOT, "%.4f", p.imagesPerSecond()))
                    .collect(Collectors.joining(" "))));
      }
    }
    out.append("(each round ran these passes in this order, even rounds in reverse)\n");

    out.append(
        String.format(
            Locale.ROOT,
            "%n%-34s %6s %6s   %-16s %s%n",
            "ratio, median of rounds' ratios",
            "wall",
            "CPU",
            "goal (on wall)",
            "wall per round"));
    ratioLine(
        out,
        "Java pipeline / Java forward",
        Measure.JAVA_PIPELINE,
        Measure.JAVA_FORWARD,
        PIPELINE_TO_FORWARD_GOAL);
    ratioLine(
        out,
        "Java pipeline / Python pipeline",
        Measure.JAVA_PIPELINE,
        Measure.PYTHON_PIPELINE,
        JAVA_TO_PYTHON_GOAL);
    ratioLine(
        out,
        "Java forward / Python forward",
        Measure.JAVA_FORWARD,
        Measure.PYTHON_FORWARD,
        Double.NaN);
    out.append(
        "(wall: ratio of images/s; CPU: ratio of images per CPU second, what an image costs)\n");

    List<Double> peaks = gemm.stream().map(GemmPeak.Peak::gflops).toList();
    List<Double> perCpu = gemm.stream().map(GemmPeak.Peak::gflopsPerCpuSecond).toList();
    out.append(
        String.format(
            Locale.ROOT,
            "%nFP32 GEMM peak (%d² matmul, libtorch, %d threads): %s GFLOP/s, %s GFLOP per CPU"
                + " second%s%n",
            GemmPeak.SIZE,
            setup.threads(),
            formatMedian(peaks, "%.0f"),
            formatMedian(perCpu, "%.0f"),
            gemm.isEmpty() ? "" : " (per round: " + joined(peaks, "%.0f") + ")"));
    if (Double.isNaN(setup.gflopsPerPass())) {
      out.append(
          "forward pass / GEMM peak: not measured (the model's GFLOPs are unknown: --gflops)\n");
    } else {
      for (Measure forward : List.of(Measure.JAVA_FORWARD, Measure.PYTHON_FORWARD)) {
        List<Double> shares = shareOfPeak(forward, false);
        if (!shares.isEmpty()) {
          double median = median(shares);
          out.append(
              String.format(
                  Locale.ROOT,
                  "%-22s %5.1f%% of the GEMM peak by wall, %5.1f%% by CPU%s   per round (wall):"
                      + " %s%n",
                  forward.label(),
                  100 * median,
                  100 * median(shareOfPeak(forward, true)),
                  forward == Measure.JAVA_FORWARD
                      ? String.format(
                          Locale.ROOT,
                          " (goal >= %.0f%% by wall: %s)",
                          100 * FORWARD_TO_PEAK_GOAL,
                          median >= FORWARD_TO_PEAK_GOAL ? "met" : "NOT met")
                      : "",
                  joined(shares.stream().map(x -> 100 * x).toList(), "%.1f%%")));
        }
      }
    }
    out.append('\n').append(preprocess.format());
    return out.toString();
  }

  /** The lowest and highest load average seen before or after a pass. */
  private String loadRange() {
    double[] loads =
        passes.values().stream()
            .flatMap(List::stream)
            .flatMapToDouble(p -> java.util.stream.DoubleStream.of(p.loadBefore(), p.loadAfter()))
            .filter(x -> !Double.isNaN(x))
            .sorted()
            .toArray();
    return loads.length == 0
        ? "-"
        : String.format(Locale.ROOT, "%.1f to %.1f", loads[0], loads[loads.length - 1]);
  }

  private static String formatMedian(List<Double> values, String format) {
    return values.isEmpty() ? "not measured" : String.format(Locale.ROOT, format, median(values));
  }

  private static String joined(List<Double> values, String format) {
    return values.stream()
        .map(v -> String.format(Locale.ROOT, format, v))
        .collect(Collectors.joining(" "));
  }

  private void ratioLine(
      StringBuilder out, String name, Measure numerator, Measure denominator, double goal) {
    List<Double> wall = ratios(numerator, denominator, Pass::imagesPerSecond);
    if (wall.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%-34s not measured%n", name));
      return;
    }
    double median = median(wall);
    String verdict =
        Double.isNaN(goal)
            ? "-"
            : String.format(Locale.ROOT, ">= %.2f %s", goal, median >= goal ? "met" : "NOT met");
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %6.3f %6.3f   %-16s %s%n",
            name,
            median,
            medianRatio(numerator, denominator, Pass::imagesPerCpuSecond),
            verdict,
            wall.stream()
                .map(r -> String.format(Locale.ROOT, "%.3f", r))
                .collect(Collectors.joining(" "))));
  }
}
