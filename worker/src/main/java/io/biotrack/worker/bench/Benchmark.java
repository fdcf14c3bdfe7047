package io.biotrack.worker.bench;

import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchRunner;
import io.biotrack.worker.batch.ImageItem;
import io.biotrack.worker.batch.ImageScanner;
import io.biotrack.worker.detect.ImageAccessException;
import io.biotrack.worker.detect.ImageDecoder;
import io.biotrack.worker.detect.ImageTensor;
import io.biotrack.worker.detect.InferenceException;
import io.biotrack.worker.detect.Letterbox;
import io.biotrack.worker.detect.LetterboxGeometry;
import io.biotrack.worker.detect.MegaDetector;
import io.biotrack.model.ModelFiles;
import io.biotrack.worker.detect.PreparedImage;
import io.biotrack.worker.detect.RgbImage;
import io.biotrack.worker.detect.TorchScriptModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The worker benchmark: one process, one run, so the ratios compare like with like on whatever
 * machine runs it. Not a test: nothing asserts a time.
 *
 * <p>After warming up (two forwards per input shape: libtorch's profiling executor specialises
 * the graph on its first calls per shape), each round times, one after the other:
 *
 * <ol>
 *   <li>bare forward: the model alone over the photos' letterboxed tensors;
 *   <li>full pipeline: files to results through {@link BatchRunner} (decoding ahead);
 *   <li>the Python reference pipeline (Pillow, OpenCV, torch) on the same model, photos and
 *       thread count, in a child process.
 * </ol>
 *
 * Then decode + letterbox of a 12 MP JPEG, median of several runs, on both sides.
 */
public final class Benchmark {
  /** What to measure. @param python null to skip the Python reference */
  public record Settings(
      Path model, Path images, int threads, int rounds, Path cacheDir, Path python, Path reference,
      Path workDir) {}

  private static final int PHOTO_RUNS = 7;

  private final Settings settings;
  private final PrintStream log;

  public Benchmark(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public BenchReport run() throws IOException, InterruptedException, InferenceException {
    Path modelFile = ModelFiles.resolveAndVerify(settings.model());
    List<ImageItem> items = ImageScanner.items(settings.images(), true);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no images in " + settings.images());
    }
    long loadStart = System.nanoTime();
    TorchScriptModel model = TorchScriptModel.load(modelFile, settings.cacheDir(), settings.threads());
    double loadSeconds = seconds(loadStart);
    try (MegaDetector detector = new MegaDetector(model, MegaDetector.DEFAULT_THRESHOLD)) {
      List<TorchScriptModel.Input> inputs = inputs(detector, items);
      warmUp(model, inputs);
      PythonReference python = null;
      if (settings.python() != null) {
        log.println("starting the Python reference (loads and warms up the model)...");
        python = new PythonReference(settings.python(), settings.reference(), modelFile,
            settings.images(), settings.threads());
      }
      try {
        List<Double> forward = new ArrayList<>();
        List<Double> pipeline = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        BatchRunner runner = new BatchRunner(detector, 1, 2);
        for (int round = 1; round <= settings.rounds(); round++) {
          log.printf("round %d/%d: bare forward...%n", round, settings.rounds());
          long start = System.nanoTime();
          for (TorchScriptModel.Input input : inputs) {
            model.forward(input);
          }
          forward.add(inputs.size() / seconds(start));
          log.printf("round %d/%d: full pipeline...%n", round, settings.rounds());
          start = System.nanoTime();
          runner.run(items, List.of(), new BatchListener() {});
          pipeline.add(items.size() / seconds(start));
          if (python != null) {
            log.printf("round %d/%d: Python reference...%n", round, settings.rounds());
            reference.add(python.pass());
          }
        }
        log.println("12 MP decode + letterbox...");
        Path photo = TwelveMegapixelPhoto.write(
            settings.images().resolve(items.get(0).file()), settings.workDir().resolve("photo-12mp.jpg"));
        double[] javaPhoto = photoMillis(Files.readAllBytes(photo));
        double pythonPhoto = python != null ? python.photoMillis(photo) : Double.NaN;
        return new BenchReport(
            modelFile.getFileName().toString(), items.size(), settings.threads(), loadSeconds,
            forward, pipeline, reference, python != null ? python.version() : "",
            javaPhoto[0], javaPhoto[1], pythonPhoto);
      } finally {
        if (python != null) {
          python.close();
        }
      }
    }
  }

  private static List<TorchScriptModel.Input> inputs(MegaDetector detector, List<ImageItem> items)
      throws IOException {
    List<TorchScriptModel.Input> inputs = new ArrayList<>();
    for (ImageItem item : items) {
      PreparedImage prepared = detector.prepare(item.file(), item.content().read());
      if (prepared.failed()) {
        throw new IllegalArgumentException(item.file() + ": " + prepared.reason());
      }
      LetterboxGeometry g = prepared.geometry();
      inputs.add(new TorchScriptModel.Input(
          ImageTensor.chw(prepared.input()), g.tensorHeight(), g.tensorWidth()));
    }
    return inputs;
  }

  private void warmUp(TorchScriptModel model, List<TorchScriptModel.Input> inputs)
      throws InferenceException {
    Set<String> shapes = new HashSet<>();
    for (TorchScriptModel.Input input : inputs) {
      if (shapes.add(input.width() + "x" + input.height())) {
        log.printf("warm-up %dx%d...%n", input.width(), input.height());
        model.forward(input);
        model.forward(input);
      }
    }
  }

  /** Medians of decode and of letterbox, in milliseconds. */
  private static double[] photoMillis(byte[] jpeg) {
    ImageDecoder decoder = new ImageDecoder();
    List<Double> decode = new ArrayList<>();
    List<Double> letterbox = new ArrayList<>();
    try {
      for (int i = -2; i < PHOTO_RUNS; i++) { // two runs to warm the JIT
        long t0 = System.nanoTime();
        RgbImage image = decoder.decode(jpeg);
        long t1 = System.nanoTime();
        Letterbox.apply(image, LetterboxGeometry.of(image.width(), image.height()));
        long t2 = System.nanoTime();
        if (i >= 0) {
          decode.add((t1 - t0) / 1e6);
          letterbox.add((t2 - t1) / 1e6);
        }
      }
    } catch (ImageAccessException e) {
      throw new IllegalStateException("cannot decode the 12 MP photo", e);
    }
    return new double[] {BenchReport.median(decode), BenchReport.median(letterbox)};
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
