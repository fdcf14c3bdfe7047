package io.biotrack.worker.bench;

import io.biotrack.model.ModelFiles;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchRunner;
import io.biotrack.worker.batch.DecoderThreads;
import io.biotrack.worker.batch.ImageItem;
import io.biotrack.worker.batch.ImageScanner;
import io.biotrack.worker.bench.BenchReport.Measure;
import io.biotrack.worker.detect.ImageTensor;
import io.biotrack.worker.detect.InferenceException;
import io.biotrack.worker.detect.MegaDetector;
import io.biotrack.worker.detect.PreparedImage;
import io.biotrack.worker.detect.TorchScriptModel;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The worker benchmark: one process, one run, so the ratios compare like with like on whatever
 * machine runs it. Not a test: nothing asserts a time.
 *
 * <p>Both sides get the same model file, photos and intra-op thread count, and both warm up the
 * same way first (two forwards per input shape: libtorch's profiling executor profiles and then
 * specialises the graph on its first calls per shape; then untimed warm-up rounds of every measure,
 * see {@link #rounds}). Each round then measures the FP32 GEMM peak ({@link GemmPeak}) and times,
 * in an order that reverses every other round so that a trend in the machine's load hits both sides
 * alike:
 *
 * <ol>
 *   <li>Java bare forward: the model alone over the photos' letterboxed tensors;
 *   <li>Python bare forward: the same, in the Python reference's process (the same tensors: its
 *       letterbox is pixel-identical);
 *   <li>Java full pipeline: files to results through {@link BatchRunner} (decoder threads ahead of
 *       the model, as {@code detect} runs);
 *   <li>Python full pipeline: the reference (Pillow, OpenCV, torch), one image at a time as
 *       MegaDetector runs on CPU.
 * </ol>
 *
 * Each pass records its wall time, its process's CPU time and the load average before and after.
 * Ratios (and the forward passes' shares of the GEMM peak) are taken within each round, then the
 * median over rounds is reported. Then decode, letterbox and tensor of a 12 MP JPEG on both sides
 * ({@link PreprocessBench}); the CPU model, the allocator, and the machine's load average at start
 * and end.
 */
public final class Benchmark {
  /**
   * What to measure.
   *
   * @param warmupRounds untimed rounds of every measure before the timed ones
   * @param python null to skip the Python reference
   * @param gflopsAt1280 the model's GFLOPs at 1280×1280; NaN to look the file name up ({@link
   *     ModelCost})
   * @param decodeThreads 0 for the defaults: the pipeline's as {@code detect}'s, all cores for the
   *     preprocessing throughput run
   */
  public record Settings(
      Path model,
      Path images,
      int threads,
      int rounds,
      int warmupRounds,
      Path cacheDir,
      Path python,
      Path reference,
      Path workDir,
      int decodeThreads,
      double gflopsAt1280) {}

  private final Settings settings;
  private final PrintStream log;
  private final ProcessClock clock = new ProcessClock();

  public Benchmark(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public BenchReport run() throws Exception {
    double loadAtStart = loadAverage();
    MachineInfo machine = MachineInfo.ofThisProcess();
    log.printf(
        "%s, %d cores; allocator: %s; load average %.1f%n",
        machine.cpuModel(), machine.cores(), machine.allocator(), loadAtStart);
    Path modelFile = ModelFiles.resolveAndVerify(settings.model());
    List<ImageItem> items = ImageScanner.items(settings.images(), true);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no images in " + settings.images());
    }
    long loadStart = System.nanoTime();
    TorchScriptModel model =
        TorchScriptModel.load(modelFile, settings.cacheDir(), settings.threads());
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    try (MegaDetector detector = new MegaDetector(model, MegaDetector.DEFAULT_THRESHOLD)) {
      List<ImageTensor> inputs = inputs(detector, items);
      List<String> shapes = warmUp(model, inputs);
      PythonReference python = null;
      if (settings.python() != null) {
        log.println("starting the Python reference (loads and warms up the model)...");
        python =
            new PythonReference(
                settings.python(),
                settings.reference(),
                modelFile,
                settings.images(),
                settings.threads());
      }
      try (GemmPeak gemm = new GemmPeak()) {
        String name = modelFile.getFileName().toString();
        double gflops =
            Double.isNaN(settings.gflopsAt1280())
                ? ModelCost.gflopsAt1280(name)
                : settings.gflopsAt1280();
        double gflopsPerPass =
            inputs.stream().mapToDouble(t -> ModelCost.gflops(gflops, t.width(), t.height())).sum();
        BenchReport.Setup setup =
            new BenchReport.Setup(
                name,
                items.size(),
                shapes,
                settings.threads(),
                settings.rounds(),
                settings.warmupRounds(),
                loadSeconds,
                python != null ? python.version() : null,
                gflopsPerPass);
        BatchRunner runner = new BatchRunner(detector, DecoderThreads.of(settings.decodeThreads()));
        Map<Measure, Callable<Pass>> sources = new EnumMap<>(Measure.class);
        sources.put(
            Measure.JAVA_FORWARD,
            () ->
                clock.time(
                    inputs.size(),
                    () -> {
                      for (ImageTensor input : inputs) {
                        model.forward(input);
                      }
                    }));
        sources.put(
            Measure.JAVA_PIPELINE,
            () ->
                clock.time(
                    items.size(), () -> runner.run(items, List.of(), new BatchListener() {})));
        if (python != null) {
          sources.put(Measure.PYTHON_FORWARD, python::forward);
          sources.put(Measure.PYTHON_PIPELINE, python::pipeline);
        }
        List<GemmPeak.Peak> peaks = new ArrayList<>();
        Map<Measure, List<Pass>> passes = rounds(sources, () -> peaks.add(gemm.measure()));

        PreprocessReport preprocess = preprocess(items, python);
        return new BenchReport(
            setup, machine, passes, peaks, preprocess, loadAtStart, loadAverage());
      } finally {
        if (python != null) {
          python.close();
        }
      }
    }
  }

  /** Work run once at the start of each timed round. */
  interface RoundStart {
    void run() throws Exception;
  }

  /**
   * Runs every measure once per round, in {@link Measure} order in odd rounds and in reverse in
   * even ones, so a rising or falling machine load favours no measure over two rounds. First {@code
   * warmupRounds} untimed rounds: the executors of both sides (libtorch's profiling executor
   * specialises per input shape, and a pass alternates shapes) and the JIT settle on exactly the
   * sequence that is then timed. Each timed round starts with {@code roundStart} (the GEMM peak),
   * so that its measurements share the round's load.
   */
  private Map<Measure, List<Pass>> rounds(
      Map<Measure, Callable<Pass>> sources, RoundStart roundStart) throws Exception {
    for (int round = 1; round <= settings.warmupRounds(); round++) {
      for (Measure measure : sources.keySet()) {
        log.printf(
            "warm-up round %d/%d: %s... (load average %.1f)%n",
            round, settings.warmupRounds(), measure.label(), loadAverage());
        sources.get(measure).call();
      }
    }
    Map<Measure, List<Pass>> passes = new EnumMap<>(Measure.class);
    for (int round = 1; round <= settings.rounds(); round++) {
      log.printf(
          "round %d/%d: FP32 GEMM peak... (load average %.1f)%n",
          round, settings.rounds(), loadAverage());
      roundStart.run();
      List<Measure> order = new ArrayList<>(sources.keySet());
      if (round % 2 == 0) {
        Collections.reverse(order);
      }
      for (Measure measure : order) {
        double before = loadAverage();
        log.printf(
            "round %d/%d: %s... (load average %.1f)%n",
            round, settings.rounds(), measure.label(), before);
        Pass pass = sources.get(measure).call().withLoad(before, loadAverage());
        passes.computeIfAbsent(measure, m -> new ArrayList<>()).add(pass);
      }
    }
    return passes;
  }

  private static List<ImageTensor> inputs(MegaDetector detector, List<ImageItem> items)
      throws IOException {
    List<ImageTensor> inputs = new ArrayList<>();
    for (ImageItem item : items) {
      PreparedImage prepared = detector.prepare(item.file(), item.content().read());
      if (prepared.failed()) {
        throw new IllegalArgumentException(item.file() + ": " + prepared.reason());
      }
      inputs.add(prepared.input());
    }
    return inputs;
  }

  /** Two forwards per input shape (before the warm-up rounds); returns the shapes, {@code WxH}. */
  private List<String> warmUp(TorchScriptModel model, List<ImageTensor> inputs)
      throws InferenceException {
    Set<String> shapes = new LinkedHashSet<>();
    for (ImageTensor input : inputs) {
      if (shapes.add(input.width() + "x" + input.height())) {
        log.printf("warm-up %dx%d...%n", input.width(), input.height());
        model.forward(input);
        model.forward(input);
      }
    }
    return List.copyOf(shapes);
  }

  /**
   * The decode + letterbox micro benchmark on a 12 MP photo made from the first image: both sides
   * one photo at a time, in {@code rounds} rounds that alternate which side goes first (so that a
   * changing machine load favours neither), then Java on {@code decodeThreads} threads at once (all
   * cores by default).
   *
   * @param python the running reference, or null to run {@code md_reference.py photo} alone when a
   *     Python is configured (without its libraries the Python side is left out)
   */
  PreprocessReport preprocess(List<ImageItem> items, PythonReference python) throws Exception {
    log.println("12 MP decode + letterbox + tensor...");
    Path photo =
        TwelveMegapixelPhoto.write(
            settings.images().resolve(items.get(0).file()),
            settings.workDir().resolve("photo-12mp.jpg"));
    byte[] jpeg = Files.readAllBytes(photo);
    PreprocessBench bench = new PreprocessBench();
    double loadBefore = loadAverage();
    List<PhotoTimes> javaRounds = new ArrayList<>();
    List<PhotoTimes> pythonRounds = new ArrayList<>();
    String pythonNote = "--no-python";
    boolean withPython = python != null || settings.python() != null;
    int rounds = Math.max(1, settings.rounds());
    for (int round = 1; round <= rounds; round++) {
      boolean javaFirst = round % 2 == 1;
      if (javaFirst) {
        javaRounds.add(bench.times(jpeg));
      }
      if (withPython) {
        try {
          pythonRounds.add(
              python != null
                  ? python.photoTimes(photo)
                  : PythonReference.photoTimesAlone(
                      settings.python(), settings.reference(), photo));
        } catch (IOException e) {
          pythonNote = "the reference could not run: " + e.getMessage();
          withPython = false;
          pythonRounds.clear();
        }
      }
      if (!javaFirst) {
        javaRounds.add(bench.times(jpeg));
      }
      log.printf(Locale.ROOT, "  round %d/%d done, load %.1f%n", round, rounds, loadAverage());
    }
    int threads =
        settings.decodeThreads() > 0
            ? settings.decodeThreads()
            : Runtime.getRuntime().availableProcessors();
    PreprocessBench.Throughput throughput = bench.throughput(jpeg, threads);
    String name = TwelveMegapixelPhoto.WIDTH + "x" + TwelveMegapixelPhoto.HEIGHT + " JPEG";
    return new PreprocessReport(
        name,
        javaRounds,
        pythonRounds.isEmpty() ? null : pythonRounds,
        pythonNote,
        threads,
        throughput.photosPerSecond(),
        throughput.photosPerCpuSecond(),
        loadBefore,
        loadAverage());
  }

  /** {@code bench --preprocess-only}: the micro benchmark alone, no model. */
  public PreprocessReport runPreprocessOnly() throws Exception {
    List<ImageItem> items = ImageScanner.items(settings.images(), true);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no images in " + settings.images());
    }
    return preprocess(items, null);
  }

  /** The machine's 1-minute load average, or NaN where the platform has none. */
  private static double loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? Double.NaN : load;
  }
}
