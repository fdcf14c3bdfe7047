package io.biotrack.worker.cli;

import io.biotrack.worker.detect.DjlRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the model is and how it runs; shared by {@code detect} and {@code bench}. */
final class ModelOptions {
  @Option(
      names = "--model",
      description =
          "MegaDetector TorchScript file, or a directory holding exactly one .pt/.torchscript file;"
              + " verified against <file>.sha256 when present (default: "
              + "${sys:biotrack.modelDefault:-$BIOTRACK_MODEL}).")
  Path model;

  @Option(
      names = "--threads",
      defaultValue = "${env:BIOTRACK_THREADS:-0}",
      description = "Inference threads, at least 2 (default: $BIOTRACK_THREADS or all cores).")
  int threads;

  @Option(
      names = "--cache-dir",
      defaultValue = "${env:BIOTRACK_CACHE_DIR}",
      description =
          "Writable folder for the PyTorch native libraries extracted on first use (~430 MB;"
              + " default: $BIOTRACK_CACHE_DIR, else ~/.cache/biotrack/djl).")
  Path cacheDir;

  @Option(
      names = "--device",
      defaultValue = "${env:BIOTRACK_DEVICE:-auto}",
      description =
          "auto, cpu, cuda or cuda:N (default: $BIOTRACK_DEVICE or auto: a GPU when the engine has"
              + " one; this build bundles CPU natives only, docs/worker.md#gpu).")
  String device;

  io.biotrack.worker.detect.DeviceChoice device() {
    return io.biotrack.worker.detect.DeviceChoice.parse(device);
  }

  /**
   * {@code --model}, else {@code $BIOTRACK_MODEL} (bench; detect has more fallbacks, {@link
   * ModelChoice}).
   */
  Path requireModel() {
    String environment = System.getenv("BIOTRACK_MODEL");
    if (model == null && (environment == null || environment.isBlank())) {
      throw new IllegalArgumentException("no model: pass --model PATH or set BIOTRACK_MODEL");
    }
    return model != null ? model : Path.of(environment);
  }

  int effectiveThreads() {
    return DjlRuntime.threads(threads);
  }
}
