package io.biotrack.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.model.InstalledModel;
import io.biotrack.model.InstalledModels;
import io.biotrack.model.ModelCatalogue;
import io.biotrack.model.ModelFiles;
import io.biotrack.model.ModelManifest;
import io.biotrack.model.OutputLayout;
import io.biotrack.testing.TorchFiles;
import io.biotrack.worker.cli.ModelCommandAccess;
import io.biotrack.worker.detect.ImageTensor;
import io.biotrack.worker.detect.MegaDetector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model install / check / list} through the command line, offline: the checkpoints are made
 * by the test in MegaDetector's on-disk form and converted by the real conversion script with
 * Debian's torch and a stand-in for YOLOv5's classes.
 */
class ModelInstallIT {
  @TempDir Path tmp;
  Path data;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void streams() {
    data = tmp.resolve("data");
    ModelCommandAccess.streams(new PrintStream(out, true), new PrintStream(err, true));
  }

  @AfterEach
  void reset() {
    ModelCommandAccess.catalogue(ModelCatalogue.megadetector());
    ModelCommandAccess.streams(System.out, System.err);
  }

  int run(String... args) {
    return ModelCommandAccess.execute(args);
  }

  int install(Path checkpoint) {
    return install("testmd", checkpoint);
  }

  int install(String name, Path checkpoint) {
    return run(
        "model",
        "install",
        name,
        "--from",
        checkpoint.toString(),
        "--data",
        data.toString(),
        "--python",
        CheckpointFixtures.PYTHON,
        "--library-path",
        CheckpointFixtures.STANDIN.toString());
  }

  /** {@code detect} over the 12 samples with {@code model}: the results file, parsed. */
  JsonNode detectSamples(Path model) throws IOException {
    Path results = tmp.resolve("out.json");
    assertThat(
            run(
                "detect",
                io.biotrack.worker.TestData.samples().toString(),
                "-o",
                results.toString(),
                "--model",
                model.toString(),
                "--threads",
                "2",
                "-q"))
        .as(err())
        .isZero();
    return new ObjectMapper().readTree(results.toFile());
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void installsAVerifiedCheckpointAsTorchScriptWithItsDigestAndMetadata() throws Exception {
    Path checkpoint = CheckpointFixtures.checkpoint(tmp.resolve("md_test.0.0.pt"), 3);
    FileDigests digests = FileDigests.of(checkpoint);
    ModelCommandAccess.catalogue(CheckpointFixtures.catalogue("md_test.0.0.pt", digests.sha256()));

    assertThat(install(checkpoint)).as(err()).isZero();

    Path folder = data.resolve("models/testmd");
    Path file = folder.resolve("md_test.0.0.torchscript");
    assertThat(file).isRegularFile();
    assertThat(ModelFiles.recordedDigest(file)).contains(ModelFiles.sha256(file));
    ModelManifest manifest = ModelManifest.readFrom(folder).orElseThrow();
    assertThat(manifest.name()).isEqualTo("testmd");
    assertThat(manifest.sha256()).isEqualTo(ModelFiles.sha256(file));
    assertThat(err())
        .contains("set the chart value model.sha256.testmd=" + ModelFiles.sha256(file));
    assertThat(manifest.layout()).isEqualTo(OutputLayout.YOLOV5);
    // No megadetector_info.json, as in MDv5's files: MegaDetector's default, whatever the
    // catalogue lists.
    assertThat(manifest.imageSize()).isEqualTo(1280);
    assertThat(manifest.stride()).isEqualTo(64);
    assertThat(err())
        .contains(
            "testmd runs at 1280 px, stride 64 (the checkpoint has no image_size in"
                + " megadetector_info.json: MegaDetector's default); the catalogue lists 640");
    assertThat(manifest.detector()).isEqualTo("md_test.0.0.pt");
    assertThat(manifest.source().sha256()).isEqualTo(digests.sha256());
    assertThat(manifest.source().md5()).isEqualTo(digests.md5());
    assertThat(manifest.converter()).containsKeys("python", "torch", "library");
    try (Stream<Path> left = Files.list(data.resolve("models"))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("testmd");
    }
    List<InstalledModel> installed = new InstalledModels(data.resolve("models")).checkAll();
    assertThat(installed).extracting(InstalledModel::name).containsExactly("testmd");
    assertThat(installed.get(0).detector()).isEqualTo("md_test.0.0.pt");

    assertThat(run("model", "check", "--data", data.toString())).as(err()).isZero();

    // Results name the published checkpoint and carry MegaDetector's metadata for its version.
    JsonNode info = detectSamples(data.resolve("models")).path("info");
    assertThat(info.path("detector").asText()).isEqualTo("md_test.0.0.pt");
    assertThat(info.path("detector_metadata").path("megadetector_version").asText())
        .isEqualTo("v5a.0.1");
    assertThat(run("model", "list", "--data", data.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("testmd", "yes (md_test.0.0.pt, 1280 px)");
  }

  /**
   * MDv1000-spruce (a YOLOv5s) runs at the 640 of its own megadetector_info.json in MegaDetector; a
   * worker ran every YOLOv5-layout model at MDv5's 1280, whatever the install recorded.
   */
  @Test
  void aYolov5CheckpointRunsAtTheSizeOfItsOwnMetadataAsInMegaDetector() throws Exception {
    Path checkpoint =
        CheckpointFixtures.checkpoint(
            tmp.resolve("md_test.0.0.pt"), 3, "{\"model_type\": \"yolov5\", \"image_size\": 640}");
    ModelCommandAccess.catalogue(
        CheckpointFixtures.catalogue("md_test.0.0.pt", FileDigests.of(checkpoint).sha256()));

    assertThat(install(checkpoint)).as(err()).isZero();

    Path folder = data.resolve("models/testmd");
    ModelManifest manifest = ModelManifest.readFrom(folder).orElseThrow();
    assertThat(manifest.imageSize()).isEqualTo(640);
    assertThat(manifest.stride()).isEqualTo(32);
    assertThat(err())
        .contains(
            "testmd runs at 640 px, stride 32 (the checkpoint's megadetector_info.json, as"
                + " MegaDetector reads it)")
        .doesNotContain("the catalogue lists");
    Path photo = io.biotrack.worker.TestData.samples().resolve("sample-arc-01.jpg");
    try (MegaDetector detector =
        MegaDetector.open(folder, null, 2, MegaDetector.DEFAULT_THRESHOLD)) {
      ImageTensor input = detector.prepare("sample-arc-01.jpg", Files.readAllBytes(photo)).input();
      assertThat(Math.max(input.width(), input.height())).isEqualTo(640);
      assertThat(input.width() % 32).isZero();
      assertThat(input.height() % 32).isZero();
    }
  }

  /**
   * MDv1000-cedar is a YOLOv9c, whose DualDDetect head returns two outputs: MegaDetector detects
   * with the first ({@code pytorch_detector.py}: {@code self.model(batch_tensor)[0]}, then YOLOv9's
   * {@code non_max_suppression} keeps {@code prediction[0]} of a list). A generated dual-head
   * checkpoint whose second branch scores nothing installs as cedar, at its metadata's 640, and
   * detects: the conversion kept the first branch and made one output of the two.
   */
  @Test
  void aDualHeadCheckpointInstallsAsCedarAndDetectsWithItsFirstBranch() throws Exception {
    Path checkpoint =
        CheckpointFixtures.checkpoint(
            tmp.resolve("md_test.0.0.pt"),
            3,
            "{\"model_type\": \"yolov9\", \"image_size\": 640}",
            true);
    ModelCommandAccess.catalogue(
        CheckpointFixtures.catalogue(
            "cedar",
            "yolov9",
            OutputLayout.ANCHOR_FREE,
            "md_test.0.0.pt",
            FileDigests.of(checkpoint).sha256()));

    assertThat(install("cedar", checkpoint)).as(err()).isZero();
    ModelManifest manifest = ModelManifest.readFrom(data.resolve("models/cedar")).orElseThrow();
    assertThat(manifest.layout()).isEqualTo(OutputLayout.ANCHOR_FREE);
    assertThat(manifest.imageSize()).isEqualTo(640);
    assertThat(manifest.stride()).isEqualTo(32);
    JsonNode images = detectSamples(data.resolve("models/cedar")).path("images");
    int detections = 0;
    for (JsonNode image : images) {
      assertThat(image.has("failure")).as(image.toString()).isFalse();
      detections += image.path("detections").size();
    }
    assertThat(images.size()).isEqualTo(12);
    assertThat(detections).as("the first branch's boxes").isPositive();
  }

  @Test
  void aCheckpointWhoseDigestDiffersIsRefusedWithBothDigestsAndNothingInstalled() throws Exception {
    Path checkpoint = CheckpointFixtures.checkpoint(tmp.resolve("md_test.0.0.pt"), 3);
    String published = "ab".repeat(32);
    ModelCommandAccess.catalogue(CheckpointFixtures.catalogue("md_test.0.0.pt", published));

    assertThat(install(checkpoint)).isEqualTo(2);

    assertThat(err())
        .contains(published, FileDigests.of(checkpoint).sha256(), "nothing was installed")
        .hasLineCount(1);
    try (Stream<Path> left = Files.list(data.resolve("models"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void cedarIsLetThroughToItsDigestCheckAndUltralyticsModelsAreRefused() throws Exception {
    Path checkpoint = CheckpointFixtures.checkpoint(tmp.resolve("md_v1000.0.0-cedar.pt"), 3);

    // cedar (YOLOv9) gets as far as comparing the file with MegaDetector's published one.
    assertThat(
            run(
                "model",
                "install",
                "cedar",
                "--from",
                checkpoint.toString(),
                "--data",
                data.toString()))
        .isEqualTo(2);
    assertThat(err())
        .contains("md_v1000.0.0-cedar.pt", "nothing was installed")
        .doesNotContain("not supported");

    err.reset();
    assertThat(
            run(
                "model",
                "install",
                "larch",
                "--from",
                checkpoint.toString(),
                "--data",
                data.toString()))
        .isEqualTo(2);
    assertThat(err())
        .contains("larch (YOLO11L, ultralytics) is listed but not supported")
        .hasLineCount(1);
  }

  @Test
  void aModelWhoseOutputIsNotMegaDetectorsIsNotInstalled() throws Exception {
    Path checkpoint = CheckpointFixtures.checkpoint(tmp.resolve("md_test.0.0.pt"), 1);
    ModelCommandAccess.catalogue(
        CheckpointFixtures.catalogue("md_test.0.0.pt", FileDigests.of(checkpoint).sha256()));

    assertThat(install(checkpoint)).isEqualTo(1);

    assertThat(err()).contains("output has shape [1, ", ", 6]", "nothing was installed");
    try (Stream<Path> left = Files.list(data.resolve("models"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void checkStopsAtARawCheckpointInOneLineWithTheFix() throws Exception {
    Path raw =
        TorchFiles.checkpoint(
            Files.createDirectories(data.resolve("models")).resolve("md_v5a.0.0.pt"));

    assertThat(run("model", "check", "--data", data.toString())).isEqualTo(2);

    assertThat(err().strip())
        .startsWith("biotrack: " + raw)
        .contains("./biotrack model install mdv5a --from " + raw)
        .doesNotContain("\n", "Exception");
  }
}
