package io.biotrack.worker.bench;

import java.util.Locale;

/**
 * What {@code bench} measured, in one run on one machine.
 *
 * @param forwardImagesPerSecond the model alone on pre-letterboxed tensors
 * @param pipelineImagesPerSecond files → results through the batch pipeline
 * @param decodeLetterboxMillis median decode + letterbox of the 12 MP photo
 * @param pythonImagesPerSecond the Python reference pipeline, NaN when not measured
 * @param pythonDecodeLetterboxMillis the same 12 MP step in Python, NaN when not measured
 */
public record BenchReport(
    String model,
    int images,
    int rounds,
    int threads,
    double modelLoadSeconds,
    double forwardImagesPerSecond,
    double pipelineImagesPerSecond,
    double decodeMillis,
    double letterboxMillis,
    double decodeLetterboxMillis,
    double pythonImagesPerSecond,
    double pythonDecodeLetterboxMillis,
    String pythonVersion) {

  public double pipelineToForward() {
    return pipelineImagesPerSecond / forwardImagesPerSecond;
  }

  public double javaToPython() {
    return pipelineImagesPerSecond / pythonImagesPerSecond;
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "model %s, %d images x %d round(s), %d threads, load %.1f s%n",
        model, images, rounds, threads, modelLoadSeconds));
    out.append(String.format(Locale.ROOT, "bare forward          %8.3f images/s%n", forwardImagesPerSecond));
    out.append(String.format(Locale.ROOT, "full pipeline (Java)  %8.3f images/s   ratio to forward %.3f (goal >= 0.90)%n",
        pipelineImagesPerSecond, pipelineToForward()));
    out.append(String.format(Locale.ROOT, "12 MP photo (Java)    decode %.0f ms + letterbox %.0f ms = %.0f ms (median)%n",
        decodeMillis, letterboxMillis, decodeLetterboxMillis));
    if (Double.isNaN(pythonImagesPerSecond)) {
      out.append("Python reference      not measured\n");
    } else {
      out.append(String.format(Locale.ROOT, "Python reference      %8.3f images/s   Java/Python %.3f (goal >= 1.3)  [%s]%n",
          pythonImagesPerSecond, javaToPython(), pythonVersion));
      out.append(String.format(Locale.ROOT, "12 MP photo (Python)  decode + letterbox %.0f ms (median)%n",
          pythonDecodeLetterboxMillis));
    }
    return out.toString();
  }
}
