package io.biotrack.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.worker.TestData;
import io.biotrack.worker.cli.WorkerMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --classifier} at small scale: the test detector and the test classifier on two
 * photos, two rounds. Checks what the report says and that the classifying pass classified the
 * crops asked for; no time is asserted.
 */
class ClassifierBenchIT {
  @TempDir Path tmp;

  @Test
  void reportsDetectionAloneAgainstDetectionWithClassification() throws Exception {
    Path photos = tmp.resolve("photos");
    Files.createDirectories(photos);
    for (String name : new String[] {"sample-arc-01.jpg", "sample-crocdocs-01.jpg"}) {
      Files.copy(TestData.cameraTraps().resolve(name), photos.resolve(name));
    }
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit =
          WorkerMain.commandLine()
              .execute(
                  "bench",
                  "--model",
                  TestData.model().toString(),
                  "--classifier",
                  TestData.classifier().toString(),
                  "--images",
                  photos.toString(),
                  "--threads",
                  "2",
                  "--rounds",
                  "2",
                  "--warmup-rounds",
                  "0",
                  "--crops-per-photo",
                  "3");
    } finally {
      System.setOut(out);
    }
    String report = captured.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(report).isZero();
    assertThat(report)
        .contains(
            "2 photos, 3 crop(s) classified per photo (6 in the last classifying pass), 2 threads,"
                + " 2 round(s)")
        .contains("detection alone")
        .contains("detection + classification")
        .containsPattern(
            "with classification / without: \\d+\\.\\d{3} by wall, \\d+\\.\\d{3} by CPU")
        .contains("one crop adds");
  }

  @Test
  void refusesZeroCrops() {
    int exit =
        WorkerMain.commandLine()
            .execute(
                "bench",
                "--model",
                TestData.model().toString(),
                "--classifier",
                TestData.classifier().toString(),
                "--images",
                TestData.cameraTraps().toString(),
                "--crops-per-photo",
                "0");

    assertThat(exit).isEqualTo(2);
  }
}
