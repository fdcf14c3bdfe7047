package io.biotrack.worker.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.model.ModelManifest;
import io.biotrack.model.OutputLayout;
import io.biotrack.results.BatchResults;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.worker.DetectionSets;
import io.biotrack.worker.TestData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YOLOv9 models (MDv1000-cedar's library) against MegaDetector's own code: random-weight models
 * made by {@code worker/scripts/make_yolov9_checkpoint.py} in MegaDetector's on-disk form, with
 * {@code megadetector_info.json} giving {@code model_type yolov9} and {@code image_size 640} as
 * MegaDetector's MDv1000 files do, converted by the install's {@code convert_checkpoint.py}; each
 * {@code *-megadetector.json} is MegaDetector's {@code run_detector_batch} on that {@code .pt} and
 * the 12 samples (docs/models.md says how they were made). The worker must give the same
 * detections: same category, IoU ≥ 0.99, |Δconf| ≤ 0.005, and the same failures.
 */
class AnchorFreeParityIT {
  @TempDir Path tmp;

  /** A gelan-t: one DDetect head, one output. */
  @Test
  void aYolov9ModelDetectsWhatMegaDetectorDetects() throws Exception {
    Path model = TestData.resource("anchorfree/yolov9-random.torchscript");
    try (TorchScriptModel loaded = TorchScriptModel.load(model, null, 2)) {
      assertParity(
          "yolov9",
          new MegaDetector(
              loaded,
              MegaDetector.DEFAULT_THRESHOLD,
              manifest(model.getFileName().toString(), "-")),
          "anchorfree/yolov9-megadetector.json");
    }
  }

  /**
   * A yolov9-t: cedar's DualDDetect head, whose two outputs the conversion reduces to the first
   * (the one MegaDetector's call of YOLOv9's non_max_suppression keeps). Opened the way a worker
   * opens an installed cedar, from a folder with its model.json and digest.
   */
  @Test
  void aDualHeadYolov9ModelInstalledAsCedarDetectsWhatMegaDetectorDetects() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("models/cedar"));
    Path model =
        Files.copy(
            TestData.resource("anchorfree/yolov9-dual-random.torchscript"),
            folder.resolve("yolov9-dual-random.torchscript"));
    String sha256 = io.biotrack.model.ModelFiles.sha256(model);
    Files.writeString(
        folder.resolve(model.getFileName() + ".sha256"),
        sha256 + "  " + model.getFileName() + "\n");
    manifest(model.getFileName().toString(), sha256).writeTo(folder);

    try (MegaDetector detector =
        MegaDetector.open(folder, null, 2, MegaDetector.DEFAULT_THRESHOLD)) {
      assertParity("yolov9 dual head", detector, "anchorfree/yolov9-dual-megadetector.json");
    }
  }

  /** ultralytics' export and box scaling are unchecked: a worker refuses larch in one line. */
  @Test
  void aWorkerRefusesAnUltralyticsModel() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("models/larch"));
    Path model =
        Files.copy(
            TestData.resource("anchorfree/yolov9-random.torchscript"),
            folder.resolve("larch.torchscript"));
    manifest("larch", model.getFileName().toString(), io.biotrack.model.ModelFiles.sha256(model))
        .writeTo(folder);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MegaDetector.open(folder, null, 2, MegaDetector.DEFAULT_THRESHOLD))
        .isInstanceOf(DetectorException.class)
        .hasMessageContaining("(larch) that this worker does not support yet")
        .hasMessageContaining("install mdv5a, mdv5b, redwood, cedar or spruce");
  }

  private static ModelManifest manifest(String file, String sha256) {
    return manifest("cedar", file, sha256);
  }

  private static ModelManifest manifest(String name, String file, String sha256) {
    return new ModelManifest(
        name,
        "test",
        file,
        sha256,
        OutputLayout.ANCHOR_FREE,
        640,
        32,
        3,
        null,
        null,
        null,
        Map.of(),
        null);
  }

  private static void assertParity(String what, MegaDetector detector, String expectedResource)
      throws Exception {
    BatchResults expected;
    try (InputStream in = Files.newInputStream(TestData.resource(expectedResource))) {
      expected = ResultsJson.read(in);
    }
    List<String> problems = new ArrayList<>();
    int detections = 0;
    int identical = 0;
    for (ImageResult want : expected.images()) {
      ImageResult got =
          detector.detect(want.file(), Files.readAllBytes(TestData.samples().resolve(want.file())));
      if (want.failed() || got.failed()) {
        if (!Objects.equals(want.failure(), got.failure())) {
          problems.add(want.file() + ": failure " + got.failure() + ", expected " + want.failure());
        }
        continue;
      }
      detections += want.detections().size();
      identical += want.detections().equals(got.detections()) ? 1 : 0;
      DetectionSets.differences(want.detections(), got.detections())
          .forEach(p -> problems.add(want.file() + ": " + p));
    }
    System.out.printf(
        "%s parity: %d images, %d MegaDetector detections, %d images identical to the last digit%n",
        what, expected.images().size(), detections, identical);
    assertThat(expected.images()).hasSize(12);
    assertThat(detections).isGreaterThan(500);
    assertThat(problems).isEmpty();
  }
}
