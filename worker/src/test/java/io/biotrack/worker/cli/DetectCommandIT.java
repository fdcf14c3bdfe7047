package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.worker.MdFormat;
import io.biotrack.worker.TestData;
import io.biotrack.worker.batch.Checkpoint;
import io.biotrack.worker.batch.FileCheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect} in-process: output format, resume, refusals, options. */
class DetectCommandIT {
  @TempDir Path tmp;
  Path images;
  Path output;

  @BeforeEach
  void images() throws Exception {
    images = tmp.resolve("images");
    Files.createDirectories(images.resolve("cam1/night"));
    Files.copy(TestData.samples().resolve("sample-crocdocs-05.jpg"), images.resolve("a.jpg"));
    Files.copy(TestData.samples().resolve("sample-dzf-101.jpg"), images.resolve("cam1/b.JPG"));
    Files.copy(
        TestData.samples().resolve("sample-cfz-01.jpg"), images.resolve("cam1/night/c.jpeg"));
    Files.write(images.resolve("cam1/broken.jpg"), "not an image".getBytes(StandardCharsets.UTF_8));
    Files.writeString(images.resolve("notes.txt"), "skipped");
    output = tmp.resolve("out/results.json");
  }

  private int detect(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "detect",
                images.toString(),
                "-o",
                output.toString(),
                "--model",
                TestData.model().toString(),
                "--threads",
                "2",
                "--quiet"));
    args.addAll(List.of(extra));
    return WorkerMain.commandLine().execute(args.toArray(String[]::new));
  }

  @Test
  void writesMegaDetectorOutputWithRelativeSortedPathsAndFailures() throws Exception {
    assertThat(detect()).isZero();

    JsonNode root = MdFormat.assertValid(output);
    List<String> files = new ArrayList<>();
    root.get("images").forEach(i -> files.add(i.get("file").asText()));
    assertThat(files)
        .containsExactly("a.jpg", "cam1/b.JPG", "cam1/broken.jpg", "cam1/night/c.jpeg");
    assertThat(root.get("images").get(2).get("failure").asText()).isEqualTo("image access failure");
    assertThat(root.get("info").get("detector").asText()).isEqualTo("biotrack-test-md.torchscript");
    assertThat(Files.exists(Path.of(output + ".checkpoint.json")))
        .as("checkpoint removed")
        .isFalse();
  }

  /** Issue 14: results say where the model ran and how many images it took at once. */
  @Test
  void resultsNameTheDeviceAndTheBatchSize() throws Exception {
    assertThat(detect("--batch-size", "3", "--device", "cpu")).isZero();

    JsonNode info = MdFormat.assertValid(output).get("info");
    assertThat(info.path("inference").path("device").asText()).isEqualTo("cpu");
    assertThat(info.path("inference").path("batch_size").asInt()).isEqualTo(3);
    assertThat(detect("--batch-size", "0")).isEqualTo(2);
  }

  @Test
  void noRecursiveStaysInTheFolder() throws Exception {
    assertThat(detect("--no-recursive")).isZero();

    JsonNode root = MdFormat.assertValid(output);
    assertThat(root.get("images")).hasSize(1);
    assertThat(root.get("images").get(0).get("file").asText()).isEqualTo("a.jpg");
  }

  @Test
  void thresholdFiltersDetections() throws Exception {
    assertThat(detect("--threshold", "0.3")).isZero();

    JsonNode root = MdFormat.assertValid(output);
    int count = 0;
    for (JsonNode image : root.get("images")) {
      for (JsonNode d : image.path("detections")) {
        assertThat(d.get("conf").asDouble()).isGreaterThanOrEqualTo(0.3);
        count++;
      }
    }
    assertThat(count).isPositive();
  }

  @Test
  void resumeReusesCheckpointedResultsAndProcessesTheRest() throws Exception {
    // A checkpoint that says a.jpg had one (made-up) detection: resume must keep it as it is.
    Detection marker = new Detection("3", 0.123, List.of(0.1, 0.2, 0.3, 0.4));
    Path checkpoint = Path.of(output + ".checkpoint.json");
    new FileCheckpointStore(checkpoint)
        .save(Checkpoint.of(List.of(ImageResult.success("a.jpg", List.of(marker)))));

    assertThat(detect("--resume")).isZero();

    JsonNode root = MdFormat.assertValid(output);
    assertThat(root.get("images")).hasSize(4);
    JsonNode a = root.get("images").get(0);
    assertThat(a.get("detections")).hasSize(1);
    assertThat(a.get("detections").get(0).get("conf").asDouble()).isEqualTo(0.123);
    assertThat(root.get("images").get(1).get("detections").size()).isPositive();
    assertThat(Files.exists(checkpoint)).isFalse();
  }

  /**
   * Issue 16: a run started without --classifier and resumed with it classified only the images it
   * had left; those in the checkpoint stayed unclassified. Now their saved detections are
   * classified (the photo decoded again, not detected again).
   */
  @Test
  void resumingWithAClassifierClassifiesTheImagesCheckpointedWithoutOne() throws Exception {
    // A made-up detection: still the only one after resume, so a.jpg was not detected again.
    Detection marker = new Detection("1", 0.9, List.of(0.1, 0.2, 0.3, 0.4));
    Path checkpoint = Path.of(output + ".checkpoint.json");
    new FileCheckpointStore(checkpoint)
        .save(Checkpoint.of(List.of(ImageResult.success("a.jpg", List.of(marker)))));

    assertThat(detect("--resume", "--classifier", TestData.classifier().toString())).isZero();

    JsonNode root = MdFormat.assertValid(output);
    for (JsonNode image : root.get("images")) {
      if (!image.has("failure")) {
        assertThat(image.path("prediction").asText()).as(image.get("file").asText()).isNotEmpty();
      }
    }
    JsonNode a = root.get("images").get(0);
    assertThat(a.get("file").asText()).isEqualTo("a.jpg");
    assertThat(a.get("detections")).hasSize(1);
    assertThat(a.get("detections").get(0).get("conf").asDouble()).isEqualTo(0.9);
    assertThat(a.get("detections").get(0).get("classifications")).hasSize(5);
  }

  /**
   * The other way round: a classified run resumed without --classifier would write classifications
   * whose categories the results do not name. Refused, saying what to pass.
   */
  @Test
  void resumingAClassifiedRunWithoutItsClassifierIsRefused() throws Exception {
    Detection d = new Detection("1", 0.9, List.of(0.1, 0.2, 0.3, 0.4));
    Path checkpoint = Path.of(output + ".checkpoint.json");
    new FileCheckpointStore(checkpoint)
        .save(
            Checkpoint.of(
                List.of(
                    ImageResult.success("a.jpg", List.of(d))
                        .withSpecies(
                            List.of(d),
                            new io.biotrack.results.SpeciesPrediction("3", 0.8, "classifier")))));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = detect("--resume");
    } finally {
      System.setErr(err);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--classifier");
    assertThat(Files.exists(output)).isFalse();
    assertThat(Files.exists(checkpoint)).isTrue();
  }

  @Test
  void previousResultsAreKeptUnchangedAndTheirImagesNotRunAgain() throws Exception {
    // As MegaDetector's --previous_results_file: a.jpg's (made-up) entry stays as it is, the
    // entry of a photo no longer in the folder stays too, the others are run.
    Detection marker = new Detection("3", 0.123, List.of(0.1, 0.2, 0.3, 0.4));
    Path previous = tmp.resolve("season-1.json");
    Files.write(
        previous,
        io.biotrack.results.ResultsJson.toBytes(
            io.biotrack.results.BatchResults.of(
                List.of(
                    ImageResult.success("a.jpg", List.of(marker)),
                    ImageResult.failure("gone/old.jpg", ImageResult.FAILURE_IMAGE_ACCESS)),
                new io.biotrack.results.ResultsInfo(
                    "2026-01-01 00:00:00", "1.6", "md_v5a.0.0.pt", java.util.Map.of()))));

    assertThat(detect("--previous-results", previous.toString())).isZero();

    JsonNode root = MdFormat.assertValid(output);
    List<String> files = new ArrayList<>();
    root.get("images").forEach(i -> files.add(i.get("file").asText()));
    assertThat(files)
        .containsExactly(
            "a.jpg", "cam1/b.JPG", "cam1/broken.jpg", "cam1/night/c.jpeg", "gone/old.jpg");
    JsonNode a = root.get("images").get(0);
    assertThat(a.get("detections")).hasSize(1);
    assertThat(a.get("detections").get(0).get("conf").asDouble()).isEqualTo(0.123);
    assertThat(root.get("images").get(1).get("detections").size()).isPositive();
    assertThat(root.get("images").get(4).get("failure").asText()).isEqualTo("image access failure");
  }

  @Test
  void previousResultsWithAbsolutePathsOrOtherCategoriesAreRefused() throws Exception {
    Path absolute = tmp.resolve("absolute.json");
    Files.writeString(
        absolute,
        "{\"images\":[{\"file\":\"/data/a.jpg\",\"detections\":[]}],"
            + "\"detection_categories\":{\"1\":\"animal\",\"2\":\"person\",\"3\":\"vehicle\"},\"info\":{}}");
    Run run =
        detectCapturingErrors(
            images.toString(),
            "-o",
            output.toString(),
            "--model",
            TestData.model().toString(),
            "--previous-results",
            absolute.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .contains("only results with paths relative to the folder can be reused");

    Path otherCategories = tmp.resolve("other.json");
    Files.writeString(
        otherCategories, "{\"images\":[],\"detection_categories\":{\"1\":\"deer\"},\"info\":{}}");
    run =
        detectCapturingErrors(
            images.toString(),
            "-o",
            output.toString(),
            "--model",
            TestData.model().toString(),
            "--previous-results",
            otherCategories.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors()).contains("other detection categories");
    assertThat(Files.exists(output)).isFalse();
  }

  @Test
  void anExistingCheckpointIsNotOverwrittenWithoutResume() throws Exception {
    Path checkpoint = Path.of(output + ".checkpoint.json");
    new FileCheckpointStore(checkpoint).save(Checkpoint.of(List.of()));
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      exit =
          new picocli.CommandLine(new DetectCommand())
              .execute(
                  images.toString(),
                  "-o",
                  output.toString(),
                  "--model",
                  TestData.model().toString());
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(Files.exists(output)).isFalse();
    assertThat(Files.exists(checkpoint)).isTrue();
  }

  @Test
  void aFolderWithoutImagesIsToldAndWritesNoResults() throws Exception {
    // As MegaDetector's run_detector_batch: "No image files found in directory …", nothing
    // written, exit 0. Before: an empty results file and not a word.
    Path empty = Files.createDirectories(tmp.resolve("empty/cam1"));
    Files.writeString(empty.resolve("notes.txt"), "no photos here");

    Run run =
        detectCapturingErrors(
            empty.getParent().toString(),
            "-o",
            output.toString(),
            "--model",
            TestData.model().toString());

    assertThat(run.exit()).isZero();
    assertThat(run.errors()).contains("detect: no images found in " + empty.getParent());
    assertThat(Files.exists(output)).isFalse();
  }

  @Test
  void theTestModelIsWarnedAboutEvenWhenItIsNamed() throws Exception {
    // Before: the launcher warned only when it chose the test model itself.
    Run run =
        detectCapturingErrors(
            images.toString(),
            "-o",
            output.toString(),
            "--model",
            TestData.model().toString(),
            "--threads",
            "2",
            "--quiet");

    assertThat(run.exit()).isZero();
    assertThat(run.errors())
        .contains(
            "detect: WARNING: "
                + TestData.model()
                + " is the small TEST model: its detections"
                + " are NOT real");
  }

  record Run(int exit, String errors) {}

  /** {@code detect} in-process with its standard error captured. */
  private static Run detectCapturingErrors(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = new picocli.CommandLine(new DetectCommand()).execute(args);
      return new Run(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void badUsageExitsWith2() throws Exception {
    assertThat(
            WorkerMain.commandLine()
                .execute(
                    "detect",
                    tmp.resolve("missing").toString(),
                    "-o",
                    output.toString(),
                    "--model",
                    TestData.model().toString()))
        .isEqualTo(2);
    assertThat(
            WorkerMain.commandLine()
                .execute(
                    "detect",
                    images.toString(),
                    "-o",
                    output.toString(),
                    "--model",
                    tmp.resolve("no-model.pt").toString()))
        .isEqualTo(2);
    assertThat(WorkerMain.commandLine().execute("detect", images.toString())).isEqualTo(2);
    assertThat(Files.exists(output)).isFalse();
  }
}
