package io.biotrack.worker.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code bench} measured, in one run on one machine. Rates are images per second, one value
 * per round; rounds alternate the measurements so that changing machine load hits them alike,
 * and ratios are taken within each round, then the median over rounds is reported.
 *
 * @param forward the model alone on pre-letterboxed tensors
 * @param pipeline files → results through the batch pipeline
 * @param python the Python reference pipeline (empty when not measured)
 */
public record BenchReport(
    String model,
    int images,
    int threads,
    double modelLoadSeconds,
    List<Double> forward,
    List<Double> pipeline,
    List<Double> python,
    String pythonVersion,
    double decodeMillis,
    double letterboxMillis,
    double pythonPhotoMillis) {

  public double pipelineToForward() {
    return medianOfRatios(pipeline, forward);
  }

  public double javaToPython() {
    return medianOfRatios(pipeline, python);
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "model %s, %d photos, %d threads, %d round(s), model load %.1f s%n",
        model, images, threads, forward.size(), modelLoadSeconds));
    out.append(line("bare forward (Java)", forward));
    out.append(line("full pipeline (Java)", pipeline));
    out.append(String.format(Locale.ROOT, "  pipeline / forward      %.3f   (goal >= 0.90)%n", pipelineToForward()));
    out.append(String.format(Locale.ROOT, "12 MP photo (Java)       decode %.0f ms + letterbox %.0f ms = %.0f ms (median)%n",
        decodeMillis, letterboxMillis, decodeMillis + letterboxMillis));
    if (python.isEmpty()) {
      out.append("Python reference         not measured\n");
    } else {
      out.append(line("Python reference", python).stripTrailing()).append("   [").append(pythonVersion).append("]\n");
      out.append(String.format(Locale.ROOT, "  Java / Python           %.3f   (goal >= 1.3)%n", javaToPython()));
      out.append(String.format(Locale.ROOT, "12 MP photo (Python)     decode + letterbox %.0f ms (median)%n", pythonPhotoMillis));
    }
    return out.toString();
  }

  private static String line(String name, List<Double> rates) {
    return String.format(Locale.ROOT, "%-24s %8.4f images/s   rounds: %s%n", name, median(rates),
        rates.stream().map(r -> String.format(Locale.ROOT, "%.4f", r)).collect(Collectors.joining(" ")));
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double medianOfRatios(List<Double> numerators, List<Double> denominators) {
    if (denominators.isEmpty()) {
      return Double.NaN;
    }
    Double[] ratios = new Double[numerators.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators.get(i) / denominators.get(i);
    }
    return median(Arrays.asList(ratios));
  }
}
