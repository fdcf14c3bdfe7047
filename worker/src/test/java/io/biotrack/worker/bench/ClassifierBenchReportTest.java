package io.biotrack.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierBenchReportTest {
  private static final MachineInfo MACHINE =
      new MachineInfo("AMD EPYC 9R14", 2, "tcmalloc (LD_PRELOAD=/usr/lib/x.so)", "17.0.15");

  private static ClassifierBenchReport report(List<Pass> detection, List<Pass> classification) {
    return new ClassifierBenchReport(
        MACHINE, "bench", "bench-classifier", 4, 2, 8, 2, 1, detection, classification, 1.0, 2.0);
  }

  @Test
  void ratiosAreMediansOfEachRoundsRatio() {
    // Per round: wall 1.1, 1.2, 1.5 (load moved); CPU 1.1, 1.15, 1.2.
    ClassifierBenchReport report =
        report(
            List.of(new Pass(4, 10, 20), new Pass(4, 20, 20), new Pass(4, 10, 20)),
            List.of(new Pass(4, 11, 22), new Pass(4, 24, 23), new Pass(4, 15, 24)));

    assertThat(report.wallRatio()).isCloseTo(1.2, within(1e-9));
    assertThat(report.cpuRatio()).isCloseTo(1.15, within(1e-9));
    // (1.15 - 1) / 2 crops
    assertThat(report.perCropShare(Pass::cpuSeconds)).isCloseTo(0.075, within(1e-9));
    String text = report.format();
    assertThat(text).contains("with classification / without: 1.200 by wall, 1.150 by CPU");
    assertThat(text).contains("goal <= 1.25: met by wall, met by CPU");
    assertThat(text).contains("one crop adds 10.0 % of a photo's detection by wall, 7.5 % by CPU");
  }

  @Test
  void overTheGoalIsSaid() {
    ClassifierBenchReport report =
        report(List.of(new Pass(4, 10, 20)), List.of(new Pass(4, 13, 24)));

    assertThat(report.format()).contains("NOT met by wall, met by CPU");
  }

  @Test
  void benchCropsAreTheNumberAskedForConfidentAndInsideThePhoto() {
    ImageResult detected =
        ImageResult.success(
            "a.jpg", List.of(new Detection("1", 0.02, List.of(0.0, 0.0, 1.0, 1.0))));

    ImageResult replaced = BenchCrops.replace(detected, 12);

    assertThat(replaced.detections()).hasSize(12);
    for (Detection d : replaced.detections()) {
      assertThat(d.conf()).isEqualTo(BenchCrops.CONF);
      assertThat(d.bbox().get(0) + d.bbox().get(2)).isLessThanOrEqualTo(1.0);
      assertThat(d.bbox().get(1) + d.bbox().get(3)).isLessThanOrEqualTo(1.0);
    }
    assertThat(replaced.detections()).doesNotHaveDuplicates();
    ImageResult failed = ImageResult.failure("b.jpg", ImageResult.FAILURE_IMAGE_ACCESS);
    assertThat(BenchCrops.replace(failed, 2)).isSameAs(failed);
  }
}
