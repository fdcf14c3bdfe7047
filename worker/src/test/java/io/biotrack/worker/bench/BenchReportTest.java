package io.biotrack.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.biotrack.worker.bench.BenchReport.Measure;
import io.biotrack.worker.bench.BenchReport.Setup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static final Setup SETUP =
      new Setup(
          "md.torchscript",
          4,
          List.of("1280x960", "1280x896"),
          2,
          3,
          1,
          1.5,
          "torch 1.13, 2 threads",
          Double.NaN);
  private static final MachineInfo MACHINE =
      new MachineInfo("AMD EPYC 9R14", 2, "tcmalloc (LD_PRELOAD=/usr/lib/x.so)", "17.0.15");
  private static final PreprocessReport PHOTO =
      new PreprocessReport(
          "4000x3000 JPEG",
          new PhotoTimes(38, 18, 4, 37, 17, 4),
          new PhotoTimes(40, 3, 9, 40, 5, 9),
          null,
          2,
          30,
          16);
  private static final PreprocessReport JAVA_PHOTO_ONLY =
      new PreprocessReport(
          "4000x3000 JPEG", new PhotoTimes(38, 18, 4, 37, 17, 4), null, "--no-python", 2, 30, 16);

  /** A pass of 4 images at the given wall rate, its CPU at twice the wall time. */
  private static Pass rate(double imagesPerSecond) {
    double seconds = 4 / imagesPerSecond;
    return new Pass(4, seconds, 2 * seconds);
  }

  @Test
  void ratiosAreMediansOfEachRoundsRatioNotRatiosOfMedians() {
    // The load moved between rounds: per-round ratios are 0.9, 1.0, 0.5; the medians of the rates
    // (4 and 3) would give 0.75 instead.
    BenchReport report =
        new BenchReport(
            SETUP,
            MACHINE,
            Map.of(
                Measure.JAVA_FORWARD,
                List.of(rate(10), rate(4), rate(2)),
                Measure.JAVA_PIPELINE,
                List.of(rate(9), rate(4), rate(1)),
                Measure.PYTHON_PIPELINE,
                List.of(rate(6), rate(2), rate(2))),
            List.of(),
            PHOTO,
            3.0,
            5.0);

    assertThat(report.ratios(Measure.JAVA_PIPELINE, Measure.JAVA_FORWARD, Pass::imagesPerSecond))
        .containsExactly(0.9, 1.0, 0.5);
    assertThat(report.pipelineToForward()).isCloseTo(0.9, within(1e-12));
    // 1.5, 2.0, 0.5 → 1.5
    assertThat(report.javaToPython()).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void cpuRatiosCompareImagesPerCpuSecond() {
    BenchReport report =
        new BenchReport(
            SETUP,
            MACHINE,
            Map.of(
                Measure.JAVA_FORWARD,
                List.of(new Pass(4, 10, 20), new Pass(4, 10, 40)),
                Measure.PYTHON_FORWARD,
                List.of(new Pass(4, 10, 30), new Pass(4, 20, 30))),
            List.of(),
            PHOTO,
            1,
            1);

    // Java costs 5 and 10 CPU s/image, Python 7.5 both times: 1.5 and 0.75, median of two 1.125.
    assertThat(
            report.medianRatio(
                Measure.JAVA_FORWARD, Measure.PYTHON_FORWARD, Pass::imagesPerCpuSecond))
        .isCloseTo(1.125, within(1e-12));
    assertThat(
            report.medianRatio(Measure.JAVA_FORWARD, Measure.PYTHON_FORWARD, Pass::imagesPerSecond))
        .isCloseTo(1.5, within(1e-12));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndOfNoneIsNaN() {
    assertThat(BenchReport.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(BenchReport.median(List.of(7.0))).isEqualTo(7.0);
    assertThat(BenchReport.median(List.of())).isNaN();
  }

  @Test
  void withoutThePythonReferenceItsRatiosAreNaNAndNotMeasured() {
    BenchReport report =
        new BenchReport(
            new Setup("md.torchscript", 4, List.of("1280x960"), 2, 1, 0, 1.5, null, Double.NaN),
            MACHINE,
            Map.of(
                Measure.JAVA_FORWARD, List.of(rate(2)), Measure.JAVA_PIPELINE, List.of(rate(1.9))),
            List.of(),
            JAVA_PHOTO_ONLY,
            1,
            1);

    assertThat(report.javaToPython()).isNaN();
    assertThat(report.pipelineToForward()).isCloseTo(0.95, within(1e-12));
    String text = report.format();
    assertThat(text)
        .contains(
            "forward pass / GEMM peak: not measured (the model's GFLOPs are unknown: --gflops)");
    assertThat(text)
        .contains("Python reference: not run")
        .containsPattern("Java pipeline / Python pipeline +not measured")
        .contains("Python                             not measured (--no-python)")
        .doesNotContain("Python bare forward");
  }

  @Test
  void formatShowsEveryMeasureRatioGoalPhotoAndLoad() {
    BenchReport report =
        new BenchReport(
            SETUP,
            MACHINE,
            Map.of(
                Measure.JAVA_FORWARD,
                List.of(rate(0.05), rate(0.04)),
                Measure.PYTHON_FORWARD,
                List.of(rate(0.04), rate(0.04)),
                Measure.JAVA_PIPELINE,
                List.of(rate(0.048), rate(0.038)),
                Measure.PYTHON_PIPELINE,
                List.of(rate(0.038), rate(0.036))),
            List.of(),
            PHOTO,
            3.2,
            7.5);

    String text = report.format();

    assertThat(text)
        .contains("machine: AMD EPYC 9R14, 2 cores for this JVM, Java 17.0.15")
        .contains("allocator: tcmalloc (LD_PRELOAD=/usr/lib/x.so)")
        .contains(
            "model md.torchscript, 4 photos (input shapes 1280x960, 1280x896), 2 threads,"
                + " 3 round(s) after 1 warm-up round(s)")
        .contains("Python reference: torch 1.13, 2 threads")
        .contains(
            "machine load average (1 min): 3.2 at start, 7.5 at end; per pass before/after: -")
        .containsPattern("Java bare forward +0\\.0450 +45\\.000 +0\\.0500 0\\.0400")
        .containsPattern("Python bare forward +0\\.0400")
        .containsPattern("Java full pipeline +0\\.0430")
        .containsPattern("Python full pipeline +0\\.0370")
        // 0.96 and 0.95 → 0.955; 1.263 and 1.056 → 1.159; forward 1.25 and 1.0 → 1.125
        .containsPattern("Java pipeline / Java forward +0\\.955 +0\\.955 +>= 0\\.95 met")
        .containsPattern("Java pipeline / Python pipeline +1\\.159 +1\\.159 +>= 1\\.20 NOT met")
        .containsPattern("Java forward / Python forward +1\\.125 +1\\.125 +- ")
        .containsPattern("Java +38\\.0 +18\\.0 +4\\.0 +56\\.0 +37\\.0 17\\.0 4\\.0 54\\.0")
        .containsPattern(
            "Python \\(Pillow, OpenCV, torch\\) +40\\.0 +3\\.0 +9\\.0 +43\\.0 +40\\.0 5\\.0 9\\.0"
                + " 45\\.0");
  }

  @Test
  void preprocessingComparesDecodePlusLetterboxByCpuAndSaysWhatFeedsAGpu() {
    // Java 37 + 17 = 54 CPU ms against Python's 40 + 5 = 45: 1.2; 1000 / 58 = 17.2 photos/s from
    // the single-thread steps; the throughput run's 16 photos per CPU second is what feeds a GPU.
    assertThat(PHOTO.javaToPythonCpu()).isCloseTo(1.2, within(1e-12));
    assertThat(PHOTO.java().photosPerCoreSecond()).isCloseTo(1000 / 58.0, within(1e-9));
    assertThat(PHOTO.coresForOneRtx4090()).isCloseTo(17.6 / 16, within(1e-9));

    assertThat(PHOTO.format())
        .contains(
            "decode + letterbox, Java / Python: 1.20 by CPU, 1.30 by wall (goal <= 1.0 by CPU: NOT"
                + " met)")
        .contains(
            "photos/s per core (decode + letterbox + tensor): Java 16.0 (2 threads, process CPU"
                + " incl. GC; 30.0 photos/s wall), Python 18.5")
        .contains("cores of decoder threads to feed one RTX 4090 (17.6 photos/s): 1.10");
    assertThat(JAVA_PHOTO_ONLY.javaToPythonCpu()).isNaN();
    assertThat(JAVA_PHOTO_ONLY.format()).doesNotContain("Java / Python");
  }

  @Test
  void forwardPassesAreSharesOfTheSameRoundsGemmPeakAndLoadsAreShownAsARange() {
    // 100 GFLOP a pass: 4 images at 0.5/s is 8 s, 12.5 GFLOP/s; at 0.8/s 5 s, 20 GFLOP/s.
    Setup setup = new Setup("m", 4, List.of("1280x960"), 2, 2, 1, 1, "torch", 100);
    BenchReport report =
        new BenchReport(
            setup,
            MACHINE,
            Map.of(
                Measure.JAVA_FORWARD,
                List.of(rate(0.5).withLoad(2.5, 3.0), rate(0.8).withLoad(1.9, 2.2)),
                Measure.PYTHON_FORWARD,
                List.of(rate(0.4).withLoad(2.1, 4.2), rate(0.4))),
            List.of(new GemmPeak.Peak(25, 12.5), new GemmPeak.Peak(20, 10)),
            PHOTO,
            2,
            3);

    assertThat(report.shareOfPeak(Measure.JAVA_FORWARD, false)).containsExactly(0.5, 1.0);
    assertThat(report.shareOfPeak(Measure.PYTHON_FORWARD, false)).containsExactly(0.4, 0.5);
    // CPU is twice the wall time in rate(): 100 / 16 / 12.5 and 100 / 10 / 10
    assertThat(report.shareOfPeak(Measure.JAVA_FORWARD, true)).containsExactly(0.5, 1.0);
    assertThat(report.format())
        .contains(
            "FP32 GEMM peak (4096² matmul, libtorch, 2 threads): 23 GFLOP/s, 11 GFLOP per CPU"
                + " second (per round: 25 20)")
        .containsPattern(
            "Java bare forward +75\\.0% of the GEMM peak by wall, +75\\.0% by CPU"
                + " \\(goal >= 95% by wall: NOT met\\) +per round \\(wall\\): 50\\.0% 100\\.0%")
        .containsPattern(
            "Python bare forward +45\\.0% of the GEMM peak by wall, +45\\.0% by CPU +per round"
                + " \\(wall\\): 40\\.0% 50\\.0%")
        .contains("per pass before/after: 1.9 to 4.2");
  }

  @Test
  void theMachineIsNamedByLscpuAndTheAllocatorByWhatIsMapped() {
    assertThat(
            MachineInfo.modelName(
                "Architecture: x86_64\nModel name:   AMD EPYC 9R14\n", "Model name:"))
        .isEqualTo("AMD EPYC 9R14");
    assertThat(MachineInfo.modelName("model name\t: Intel(R) Xeon(R)\n", "model name"))
        .isEqualTo("Intel(R) Xeon(R)");
    assertThat(MachineInfo.modelName("nothing", "Model name:")).isNull();

    assertThat(
            MachineInfo.allocator(
                Map.of("LD_PRELOAD", "/l/libtcmalloc_minimal.so.4"),
                "x /l/libtcmalloc_minimal.so.4"))
        .isEqualTo("tcmalloc (LD_PRELOAD=/l/libtcmalloc_minimal.so.4)");
    assertThat(MachineInfo.allocator(Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_max=0"), ""))
        .isEqualTo("glibc malloc, GLIBC_TUNABLES=glibc.malloc.mmap_max=0");
    assertThat(MachineInfo.allocator(Map.of(), "")).startsWith("glibc malloc, untuned");
  }

  @Test
  void theCostOfKnownModelsScalesWithThePixels() {
    assertThat(ModelCost.gflopsAt1280("biotrack-bench-md.torchscript")).isEqualTo(832.0);
    assertThat(ModelCost.gflopsAt1280("md_v5a.0.0.torchscript")).isEqualTo(839.2);
    assertThat(ModelCost.gflopsAt1280("mine.pt")).isNaN();
    assertThat(ModelCost.gflops(832, 1280, 960)).isCloseTo(624, within(1e-9));
  }
}
