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
import io.biotrack.worker.detect.ModelFiles;
import io.biotrack.worker.detect.PreparedImage;
import io.biotrack.worker.detect.RgbImage;
import io.biotrack.worker.detect.TorchScriptModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The worker benchmark: everything in one process and one run, so the ratios compare like with
 * like on whatever machine runs it. Not a test: nothing asserts a time.
 *
 * <ol>
 *   <li>bare forward: the model alone over the photos' letterboxed tensors;
 *   <li>full pipeline: files to results through {@link BatchRunner} (decoding ahead);
 *   <li>decode + letterbox of a 12 MP JPEG, median of several runs;
 *   <li>the Python reference pipeline on the same model, photos and thread count.
 * </ol>
 *
 * Each input shape is run twice first: libtorch's profiling executor specialises the graph on the
 * first calls per shape, which no steady-state number should include.
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
    List<ImageItem> items = new ArrayList<>();
    for (String file : ImageScanner.scan(settings.images(), true)) {
      Path path = settings.images().resolve(file);
      items.add(new ImageItem(file, () -> Files.readAllBytes(path)));
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no images in " + settings.images());
    }
    long loadStart = System.nanoTime();
    TorchScriptModel model = TorchScriptModel.load(modelFile, settings.cacheDir(), settings.threads());
    double loadSeconds = seconds(loadStart);
    try (MegaDetector detector = new MegaDetector(model, MegaDetector.DEFAULT_THRESHOLD)) {
      List<TorchScriptModel.Input> inputs = inputs(detector, items);
      warmUp(model, inputs);

      log.println("bare forward...");
      long start = System.nanoTime();
      for (int r = 0; r < settings.rounds(); r++) {
        for (TorchScriptModel.Input input : inputs) {
          model.forward(input);
        }
      }
      double forward = inputs.size() * settings.rounds() / seconds(start);

      log.println("full pipeline...");
      BatchRunner runner = new BatchRunner(detector, 1, 2);
      start = System.nanoTime();
      for (int r = 0; r < settings.rounds(); r++) {
        runner.run(items, List.of(), new BatchListener() {});
      }
      double pipeline = items.size() * settings.rounds() / seconds(start);

      log.println("12 MP decode + letterbox...");
      Path photo = TwelveMegapixelPhoto.write(
          settings.images().resolve(items.get(0).file()), settings.workDir().resolve("photo-12mp.jpg"));
      double[] photoMillis = photoMillis(Files.readAllBytes(photo));

      double pythonRate = Double.NaN;
      double pythonPhoto = Double.NaN;
      String pythonVersion = "";
      if (settings.python() != null) {
        log.println("Python reference...");
        PythonReference.Result py = new PythonReference(settings.python(), settings.reference())
            .run(modelFile, settings.images(), settings.threads(), settings.rounds(), photo);
        pythonRate = py.imagesPerSecond();
        pythonPhoto = py.decodeLetterboxMillis();
        pythonVersion = py.version();
      }
      return new BenchReport(
          modelFile.getFileName().toString(), items.size(), settings.rounds(), settings.threads(),
          loadSeconds, forward, pipeline, photoMillis[0], photoMillis[1], photoMillis[2],
          pythonRate, pythonPhoto, pythonVersion);
    }
  }

  private List<TorchScriptModel.Input> inputs(MegaDetector detector, List<ImageItem> items)
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

  private void warmUp(TorchScriptModel model, List<TorchScriptModel.Input> inputs) {
    Set<String> shapes = new HashSet<>();
    for (TorchScriptModel.Input input : inputs) {
      if (shapes.add(input.width() + "x" + input.height())) {
        log.printf("warm-up %dx%d...%n", input.width(), input.height());
        for (int i = 0; i < 2; i++) {
          try {
            model.forward(input);
          } catch (Exception e) {
            throw new IllegalStateException("forward failed during warm-up", e);
          }
        }
      }
    }
  }

  /** Medians of decode, letterbox and both, in milliseconds. */
  private static double[] photoMillis(byte[] jpeg) {
    ImageDecoder decoder = new ImageDecoder();
    double[] decode = new double[PHOTO_RUNS];
    double[] letterbox = new double[PHOTO_RUNS];
    try {
      for (int i = -2; i < PHOTO_RUNS; i++) { // two runs to warm the JIT
        long t0 = System.nanoTime();
        RgbImage image = decoder.decode(jpeg);
        long t1 = System.nanoTime();
        Letterbox.apply(image, LetterboxGeometry.of(image.width(), image.height()));
        long t2 = System.nanoTime();
        if (i >= 0) {
          decode[i] = (t1 - t0) / 1e6;
          letterbox[i] = (t2 - t1) / 1e6;
        }
      }
    } catch (ImageAccessException e) {
      throw new IllegalStateException("cannot decode the 12 MP photo", e);
    }
    double[] total = new double[PHOTO_RUNS];
    for (int i = 0; i < PHOTO_RUNS; i++) {
      total[i] = decode[i] + letterbox[i];
    }
    return new double[] {median(decode), median(letterbox), median(total)};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
