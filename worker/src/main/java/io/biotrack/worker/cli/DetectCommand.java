package io.biotrack.worker.cli;

import io.biotrack.launch.WorkerExitCodes;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.species.InvalidClassifierException;
import io.biotrack.species.InvalidRegionException;
import io.biotrack.worker.batch.AtomicFiles;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchOutcome;
import io.biotrack.worker.batch.BatchRunner;
import io.biotrack.worker.batch.Checkpoint;
import io.biotrack.worker.batch.Checkpointer;
import io.biotrack.worker.batch.DecoderThreads;
import io.biotrack.worker.batch.FileCheckpointStore;
import io.biotrack.worker.batch.GracefulStop;
import io.biotrack.worker.batch.ImageItem;
import io.biotrack.worker.batch.ImageScanner;
import io.biotrack.worker.classify.SpeciesSetup;
import io.biotrack.worker.detect.DetectorException;
import io.biotrack.worker.detect.MegaDetector;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code detect DIR -o results.json}: the Java counterpart of MegaDetector's {@code
 * run_detector_batch.py DIR results.json --recursive --output_relative_filenames}.
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Runs MegaDetector v5 over the images in DIR and writes MegaDetector batch output (format"
          + " 1.6) with file paths relative to DIR.",
      "A bad image becomes a failure entry; the run goes on. A checkpoint is saved every"
          + " --checkpoint-every images and on Ctrl-C; --resume continues from it.",
      "A folder without images is told (\"no images found in DIR\") and writes no results, as"
          + " MegaDetector's run_detector_batch does.",
      "Exit codes: 0 done (or no images), 1 error (checkpoint saved), 2 bad usage, 3 out of memory"
          + " (--resume records an image the run died decoding as a failure), 130 stopped by Ctrl-C"
          + " (checkpoint saved)."
    })
public final class DetectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of images.")
  Path dir;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Results file (MegaDetector batch JSON).")
  Path output;

  @Mixin ModelOptions modelOptions;

  @Spec CommandSpec spec;

  @Option(
      names = "--threshold",
      defaultValue = "0.005",
      description = "Confidence threshold for written detections (default: ${DEFAULT-VALUE}).")
  float threshold;

  @Option(
      names = "--recursive",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Include sub-folders (default: ${DEFAULT-VALUE}).")
  boolean recursive;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description = "Checkpoint file (default: <output>.checkpoint.json).")
  Path checkpoint;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "Images between checkpoints; 0 turns checkpoints off (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(
      names = "--resume",
      description = "Continue from the checkpoint, skipping images already done.")
  boolean resume;

  @Option(
      names = "--previous-results",
      paramLabel = "FILE",
      description =
          "Results of an earlier run over this folder (relative paths, MegaDetector's"
              + " categories), as MegaDetector's --previous_results_file: images named there are"
              + " not run again and every entry of FILE is kept unchanged in the output.")
  Path previousResults;

  @Option(
      names = "--decode-threads",
      defaultValue = "${env:BIOTRACK_DECODE_THREADS:-0}",
      paramLabel = "N",
      description =
          "Threads decoding images ahead of the model, at most two photos ahead each (default:"
              + " $BIOTRACK_DECODE_THREADS, else a quarter of the cores, at least 1).")
  int decodeThreads;

  @Option(
      names = "--batch-size",
      defaultValue = "${env:BIOTRACK_BATCH_SIZE:-1}",
      paramLabel = "N",
      description =
          "Images per forward pass, grouped by letterboxed size as MegaDetector groups them"
              + " (default: $BIOTRACK_BATCH_SIZE, else 1, as MegaDetector). Larger batches help on"
              + " a GPU; on the CPU they only cost memory.")
  int batchSize;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output.")
  boolean quiet;

  @Option(
      names = "--classifier",
      paramLabel = "DIR",
      description =
          "SpeciesNet model folder (info.json, TorchScript classifier, labels, taxonomy, geofence):"
              + " classify every detection at or above 0.1 and add SpeciesNet's per-image decision"
              + " (docs/species.md).")
  Path classifier;

  @Option(
      names = "--country",
      paramLabel = "ISO3",
      description =
          "Where the camera is, for the classifier's geofence: ISO-3166-1 alpha-3 (USA, KEN).")
  String country;

  @Option(
      names = "--admin1",
      paramLabel = "XX",
      description = "US state (two letters, e.g. CA), with --country USA.")
  String admin1;

  private final PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      return usage("not a folder: " + dir);
    }
    if (!(threshold >= 0 && threshold < 1)) {
      return usage("--threshold must be in [0, 1), was " + threshold);
    }
    if (decodeThreads < 0) {
      return usage("--decode-threads must be at least 1 (or 0 for the default)");
    }
    if (batchSize < 1) {
      return usage("--batch-size must be at least 1");
    }
    FileCheckpointStore store = new FileCheckpointStore(checkpointFile());
    List<ImageResult> resumed = new ArrayList<>();
    if (resume) {
      store
          .load()
          .map(Checkpoint::checkpoint)
          .ifPresentOrElse(
              resumed::addAll,
              () ->
                  err.println(
                      "no checkpoint at " + store.file() + ": starting from the beginning"));
    } else if (checkpointEvery > 0 && Files.exists(store.file())) {
      return usage(
          "a checkpoint exists at "
              + store.file()
              + ": pass --resume to continue it, or delete it to start over");
    }

    List<ImageResult> previous = new ArrayList<>();
    if (previousResults != null) {
      String refused = PreviousResults.load(previousResults, previous);
      if (refused != null) {
        return usage(refused);
      }
    }

    List<ImageItem> items = ImageScanner.items(dir, recursive);
    if (items.isEmpty()) {
      // As MegaDetector's run_detector_batch: say so, write no results, exit 0.
      err.println(
          spec.qualifiedName()
              + ": no images found in "
              + dir
              + (recursive ? "" : " (sub-folders were not searched: drop --no-recursive)"));
      return 0;
    }

    if (classifier == null && resumed.stream().anyMatch(DetectCommand::classified)) {
      // Its classifications would be written without the categories they name.
      return usage(
          "the checkpoint "
              + store.file()
              + " holds classified images: resume with the --classifier it was started with,"
              + " or delete the checkpoint to start over");
    }
    if (classifier == null && (country != null || admin1 != null)) {
      return usage(
          "--country and --admin1 are for the classifier's geofence: pass --classifier DIR too");
    }
    SpeciesSetup species = null;
    if (classifier != null) {
      try {
        species =
            SpeciesSetup.open(
                classifier,
                country,
                admin1,
                modelOptions.cacheDir,
                modelOptions.effectiveThreads());
      } catch (InvalidRegionException | InvalidClassifierException e) {
        return usage(e.getMessage());
      }
      if (species.warning() != null) {
        err.println(spec.qualifiedName() + ": " + species.warning());
      }
    }
    try (SpeciesSetup classification = species) {
      return detect(items, resumed, previous, store, classification);
    }
  }

  private int detect(
      List<ImageItem> items,
      List<ImageResult> resumed,
      List<ImageResult> previous,
      FileCheckpointStore store,
      SpeciesSetup species)
      throws InterruptedException {
    ModelChoice model = ModelChoice.of(modelOptions.model);
    if (model.location() == null) {
      return usage("no model: pass --model PATH or set BIOTRACK_MODEL");
    }
    if (model.warning() != null) {
      err.println(spec.qualifiedName() + ": " + model.warning());
    }
    MegaDetector detector;
    try {
      detector =
          MegaDetector.open(
              model.location(),
              modelOptions.cacheDir,
              modelOptions.effectiveThreads(),
              threshold,
              modelOptions.device());
    } catch (DetectorException | IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try (detector) {
      return detect(detector, items, resumed, previous, store, species);
    }
  }

  private int detect(
      MegaDetector detector,
      List<ImageItem> items,
      List<ImageResult> resumed,
      List<ImageResult> previous,
      FileCheckpointStore store,
      SpeciesSetup species)
      throws InterruptedException {
    // Previous results count as done, after the checkpoint's entries (the runner keeps the
    // first entry of a file); entries of files no longer in the folder are kept in the output,
    // as MegaDetector keeps every entry of its previous results file.
    List<ImageResult> done = new ArrayList<>(resumed);
    done.addAll(previous);
    if (!previous.isEmpty() && !quiet) {
      err.println(PreviousResults.told(items, previous, previousResults));
    }
    Checkpointer checkpointer = new Checkpointer(store, checkpointEvery);
    // Ctrl-C: the image in the model finishes, then what is done is saved, so --resume loses
    // nothing. (After running out of memory the batch has saved already, naming the decode in
    // flight; saveFinal then leaves that alone.)
    GracefulStop stop =
        GracefulStop.install(
            "biotrack-detect-shutdown",
            () -> {
              if (checkpointEvery > 0 && checkpointer.saveFinal()) {
                err.println(
                    "\nstopped: what is done is saved in "
                        + store.file()
                        + "; run the same command with --resume to carry on");
              }
            });
    long start = System.nanoTime();
    BatchOutcome outcome;
    List<BatchListener> listeners = new ArrayList<>();
    listeners.add(checkpointer);
    listeners.add(stop);
    try (stop;
        ProgressDisplay progress =
            new ProgressDisplay(err, System.console() != null, Duration.ofSeconds(10))) {
      if (!quiet) {
        listeners.add(progress);
      }
      outcome =
          new BatchRunner(
                  detector,
                  DecoderThreads.of(decodeThreads),
                  batchSize,
                  species == null ? null : species.stage())
              .run(items, done, BatchListener.all(listeners));
    }
    if (stop.requested()) {
      return WorkerExitCodes.INTERRUPTED; // the JVM exits with the signal's own code anyway
    }
    if (!outcome.complete()) {
      return 1;
    }
    BatchResults results =
        BatchResults.of(
            PreviousResults.withGone(outcome.results(), previous),
            detector.resultsInfo(LocalDateTime.now(), batchSize));
    if (species != null) {
      results = species.complete(results, LocalDateTime.now());
    }
    AtomicFiles.write(output, ResultsJson.toBytes(results));
    store.delete();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!quiet) {
      err.printf(
          "%d images (%d failed, %d detections) in %.1f s -> %s%n",
          outcome.progress().total(),
          outcome.progress().failed(),
          outcome.progress().detections(),
          seconds,
          output);
    }
    return 0;
  }

  private static boolean classified(ImageResult result) {
    return result.prediction() != null
        || (result.detections() != null
            && result.detections().stream().anyMatch(d -> d.classifications() != null));
  }

  private Path checkpointFile() {
    return checkpoint != null
        ? checkpoint
        : output.resolveSibling(output.getFileName() + ".checkpoint.json");
  }

  private int usage(String message) {
    err.println(spec.qualifiedName() + ": " + message);
    return 2;
  }
}
