package io.biotrack.worker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What {@code bench --classifier} measured: per round, the detector pipeline alone and with
 * classification, over the same photos. The ratio (time with classification over time without, per
 * round, median over rounds) is what classification adds to a job: by wall time, and by the
 * process's CPU time, which other work on a shared machine inflates much less.
 *
 * @param cropsClassified detections that got classifications in the last classifying pass (photos ×
 *     crops per photo unless a crop failed)
 * @param detection one pass per round, detector pipeline alone
 * @param classification one pass per round, the same with the species stage
 */
public record ClassifierBenchReport(
    MachineInfo machine,
    String model,
    String classifier,
    int images,
    int cropsPerPhoto,
    int cropsClassified,
    int threads,
    int warmupRounds,
    List<Pass> detection,
    List<Pass> classification,
    double loadAtStart,
    double loadAtEnd) {

  /** Issue 16: classification adds at most 25 % to a job's time. */
  public static final double GOAL = 1.25;

  public ClassifierBenchReport {
    detection = List.copyOf(detection);
    classification = List.copyOf(classification);
  }

  /** Time with classification over time without, per round. */
  List<Double> ratios(ToDoubleFunction<Pass> time) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < Math.min(detection.size(), classification.size()); i++) {
      out.add(time.applyAsDouble(classification.get(i)) / time.applyAsDouble(detection.get(i)));
    }
    return out;
  }

  public double wallRatio() {
    return BenchReport.median(ratios(Pass::seconds));
  }

  public double cpuRatio() {
    return BenchReport.median(ratios(Pass::cpuSeconds));
  }

  /** What one crop adds, as a share of a photo's detection pipeline (by {@code time}). */
  double perCropShare(ToDoubleFunction<Pass> time) {
    return (BenchReport.median(ratios(time)) - 1) / cropsPerPhoto;
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "machine: %s, %d cores for this JVM, Java %s; allocator: %s%n",
            machine.cpuModel(),
            machine.cores(),
            machine.java(),
            machine.allocator()));
    out.append(
        String.format(
            Locale.ROOT,
            "detector %s, classifier %s, %d photos, %d crop(s) classified per photo (%d in the last"
                + " classifying pass), %d threads, %d round(s) after %d warm-up round(s)%n",
            model,
            classifier,
            images,
            cropsPerPhoto,
            cropsClassified,
            threads,
            detection.size(),
            warmupRounds));
    out.append(
        String.format(
            Locale.ROOT,
            "machine load average (1 min): %.1f at start, %.1f at end%n%n",
            loadAtStart,
            loadAtEnd));
    out.append(
        String.format(
            Locale.ROOT,
            "%-28s %10s %12s   %s%n",
            "median over rounds",
            "s/photo",
            "CPU s/photo",
            "s, CPU s per round (load before-after)"));
    row(out, "detection alone", detection);
    row(out, "detection + classification", classification);
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "with classification / without: %.3f by wall, %.3f by CPU (goal <= %.2f: %s by wall,"
                + " %s by CPU)%n",
            wallRatio(),
            cpuRatio(),
            GOAL,
            wallRatio() <= GOAL ? "met" : "NOT met",
            cpuRatio() <= GOAL ? "met" : "NOT met"));
    out.append(
        String.format(
            Locale.ROOT,
            "one crop adds %.1f %% of a photo's detection by wall, %.1f %% by CPU%n",
            100 * perCropShare(Pass::seconds),
            100 * perCropShare(Pass::cpuSeconds)));
    return out.toString();
  }

  private static void row(StringBuilder out, String label, List<Pass> passes) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-28s %10.3f %12.3f   %s%n",
            label,
            BenchReport.median(passes.stream().map(p -> p.seconds() / p.images()).toList()),
            BenchReport.median(passes.stream().map(Pass::cpuSecondsPerImage).toList()),
            passes.stream()
                .map(
                    p ->
                        String.format(
                            Locale.ROOT,
                            "%.1f, %.1f (%.1f-%.1f)",
                            p.seconds(),
                            p.cpuSeconds(),
                            p.loadBefore(),
                            p.loadAfter()))
                .collect(Collectors.joining("; "))));
  }
}
