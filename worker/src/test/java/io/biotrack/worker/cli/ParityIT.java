package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.worker.DetectionSets;
import io.biotrack.worker.MdFormat;
import io.biotrack.worker.TestData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference parity test: {@code detect} over the 12 camera-trap samples and 35 edge cases must
 * give what Biotrack's Python reference of MegaDetector's pipeline gave ({@code
 * parity/golden.json}, see docs/models.md to regenerate): the same images, the same failures, and
 * per image the same detections as sets (IoU ≥ 0.99, |Δconf| ≤ 0.005).
 */
class ParityIT {
  @TempDir Path out;

  @Test
  void detectMatchesThePythonReference() throws Exception {
    Path results = out.resolve("results.json");

    int exit =
        WorkerMain.commandLine()
            .execute(
                "detect",
                TestData.parity().toString(),
                "-o",
                results.toString(),
                "--model",
                TestData.model().toString(),
                "--threads",
                "2",
                "--quiet");

    assertThat(exit).isZero();
    MdFormat.assertValid(results);
    Map<String, ImageResult> actual = read(results);
    Map<String, ImageResult> golden = read(TestData.parity().resolve("golden.json"));
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(golden.keySet());
    assertThat(golden).hasSizeGreaterThan(40);

    List<String> problems = new ArrayList<>();
    int detections = 0;
    int identical = 0;
    for (ImageResult expected : golden.values()) {
      ImageResult got = actual.get(expected.file());
      if (expected.failed() || got.failed()) {
        if (!java.util.Objects.equals(expected.failure(), got.failure())) {
          problems.add(
              expected.file() + ": failure " + got.failure() + ", expected " + expected.failure());
        }
        continue;
      }
      detections += expected.detections().size();
      identical += expected.detections().equals(got.detections()) ? 1 : 0;
      DetectionSets.differences(expected.detections(), got.detections())
          .forEach(p -> problems.add(expected.file() + ": " + p));
    }
    System.out.printf(
        "parity: %d images, %d reference detections, %d images identical to the last digit%n",
        golden.size(), detections, identical);
    assertThat(problems).isEmpty();
    assertThat(detections).as("the test model must detect things").isGreaterThan(500);
    assertThat(golden.values().stream().filter(ImageResult::failed).count())
        .isGreaterThanOrEqualTo(10);
  }

  private static Map<String, ImageResult> read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      BatchResults results = ResultsJson.read(in);
      return results.images().stream()
          .collect(Collectors.toMap(ImageResult::file, Function.identity()));
    }
  }
}
