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

/**
 * A YOLOv9 model (MDv1000-cedar's library and head) against MegaDetector's own code: a random-
 * weight gelan-t made by {@code worker/scripts/make_yolov9_checkpoint.py} in MegaDetector's
 * on-disk form, with {@code megadetector_info.json} giving {@code model_type yolov9} and {@code
 * image_size 640} as MegaDetector's MDv1000 files do, converted by the install's {@code
 * convert_checkpoint.py}; {@code yolov9-megadetector.json} is MegaDetector's {@code
 * run_detector_batch} on that {@code .pt} and the 12 samples (docs/models.md says how both were
 * made). The worker must give the same detections: same category, IoU ≥ 0.99, |Δconf| ≤ 0.005.
 */
class AnchorFreeParityIT {
  @Test
  void aYolov9ModelDetectsWhatMegaDetectorDetects() throws Exception {
    Path model = TestData.resource("anchorfree/yolov9-random.torchscript");
    ModelManifest manifest =
        new ModelManifest(
            "cedar", "test", model.getFileName().toString(), "-", OutputLayout.ANCHOR_FREE, 640,
            32, 3, null, null, null, Map.of(), null);
    BatchResults expected;
    try (InputStream in =
        Files.newInputStream(TestData.resource("anchorfree/yolov9-megadetector.json"))) {
      expected = ResultsJson.read(in);
    }
    List<String> problems = new ArrayList<>();
    int detections = 0;
    int identical = 0;
    try (TorchScriptModel loaded = TorchScriptModel.load(model, null, 2)) {
      MegaDetector detector = new MegaDetector(loaded, MegaDetector.DEFAULT_THRESHOLD, manifest);
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
    }
    System.out.printf(
        "yolov9 parity: %d images, %d MegaDetector detections, %d images identical to the last digit%n",
        expected.images().size(), detections, identical);
    assertThat(expected.images()).hasSize(12);
    assertThat(detections).isGreaterThan(500);
    assertThat(problems).isEmpty();
  }
}
