package io.biotrack.worker.bench;

import io.biotrack.results.ImageResult;
import io.biotrack.worker.batch.AfterDetection;
import io.biotrack.worker.batch.BatchListener;
import io.biotrack.worker.batch.BatchOutcome;
import io.biotrack.worker.batch.BatchRunner;
import io.biotrack.worker.batch.DecoderThreads;
import io.biotrack.worker.batch.ImageItem;
import io.biotrack.worker.batch.ImageScanner;
import io.biotrack.worker.classify.SpeciesSetup;
import io.biotrack.worker.classify.SpeciesStage;
import io.biotrack.worker.detect.MegaDetector;
import io.biotrack.worker.detect.RgbImage;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench --classifier}: what classification adds to a job. Two passes over the same photos in
 * one process, with the same detector, threads and decoder threads, as {@code detect} runs them
 * ({@link BatchRunner}, files to results): the detector pipeline alone, and the detector pipeline
 * with the species stage after each photo, which classifies {@code cropsPerPhoto} crops of it
 * ({@link BenchCrops}: crops made from the decoded photo, one batch per photo, the ensemble
 * decision). Untimed warm-up rounds first (libtorch specialises each model per input shape on its
 * first calls), then timed rounds, the two passes in one order in odd rounds and the other in even
 * ones so that a trend in the machine's load hits both alike. Not a test: nothing asserts a time.
 */
public final class ClassifierBench {
  /**
   * @param cropsPerPhoto crops the species stage classifies per photo
   */
  public record Settings(
      Path model,
      Path classifier,
      Path images,
      int threads,
      int rounds,
      int warmupRounds,
      Path cacheDir,
      int decodeThreads,
      int cropsPerPhoto) {}

  private final Settings settings;
  private final PrintStream log;
  private final ProcessClock clock = new ProcessClock();
  private int classifiedCrops;

  public ClassifierBench(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public ClassifierBenchReport run() throws Exception {
    double loadAtStart = loadAverage();
    MachineInfo machine = MachineInfo.ofThisProcess();
    log.printf(
        "%s, %d cores; allocator: %s; load average %.1f%n",
        machine.cpuModel(), machine.cores(), machine.allocator(), loadAtStart);
    List<ImageItem> items = ImageScanner.items(settings.images(), true);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no images in " + settings.images());
    }
    try (MegaDetector detector =
            MegaDetector.open(
                settings.model(),
                settings.cacheDir(),
                settings.threads(),
                MegaDetector.DEFAULT_THRESHOLD);
        SpeciesSetup species =
            SpeciesSetup.open(
                settings.classifier(), null, null, settings.cacheDir(), settings.threads())) {
      SpeciesStage stage = species.stage();
      int crops = settings.cropsPerPhoto();
      AfterDetection fixedCrops =
          new AfterDetection() {
            @Override
            public List<ImageResult> add(ImageResult detected, RgbImage image) {
              return stage.add(BenchCrops.replace(detected, crops), image);
            }

            @Override
            public List<ImageResult> flush() {
              return stage.flush();
            }
          };
      DecoderThreads decoders = DecoderThreads.of(settings.decodeThreads());
      BatchRunner detectOnly = new BatchRunner(detector, decoders, 1, null);
      BatchRunner classifying = new BatchRunner(detector, decoders, 1, fixedCrops);
      PassSource detection = () -> time(detectOnly, items);
      PassSource classification = () -> time(classifying, items);

      for (int round = 1; round <= settings.warmupRounds(); round++) {
        log.printf(
            "warm-up round %d/%d (load average %.1f)%n",
            round, settings.warmupRounds(), loadAverage());
        detection.run();
        classification.run();
      }
      List<Pass> detectPasses = new ArrayList<>();
      int cropsClassified = 0;
      List<Pass> classifyPasses = new ArrayList<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        boolean detectFirst = round % 2 == 1;
        for (int i = 0; i < 2; i++) {
          boolean detect = (i == 0) == detectFirst;
          double before = loadAverage();
          log.printf(
              "round %d/%d: %s... (load average %.1f)%n",
              round,
              settings.rounds(),
              detect ? "detection alone" : "detection + classification",
              before);
          Pass pass = (detect ? detection : classification).run().withLoad(before, loadAverage());
          (detect ? detectPasses : classifyPasses).add(pass);
          if (!detect) {
            cropsClassified = classifiedCrops;
          }
        }
      }
      return new ClassifierBenchReport(
          machine,
          settings.model().getFileName().toString(),
          settings.classifier().getFileName().toString(),
          items.size(),
          crops,
          cropsClassified,
          settings.threads(),
          settings.warmupRounds(),
          detectPasses,
          classifyPasses,
          loadAtStart,
          loadAverage());
    }
  }

  private interface PassSource {
    Pass run() throws Exception;
  }

  private Pass time(BatchRunner runner, List<ImageItem> items) throws Exception {
    return clock.time(
        items.size(),
        () -> {
          BatchOutcome outcome = runner.run(items, List.of(), new BatchListener() {});
          classifiedCrops = classified(outcome);
        });
  }

  /** Detections that got classifications in a pass: what the classifying pass really did. */
  static int classified(BatchOutcome outcome) {
    int count = 0;
    for (ImageResult image : outcome.results()) {
      if (image.detections() != null) {
        count += (int) image.detections().stream().filter(d -> d.classifications() != null).count();
      }
    }
    return count;
  }

  private static double loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? Double.NaN : load;
  }
}
