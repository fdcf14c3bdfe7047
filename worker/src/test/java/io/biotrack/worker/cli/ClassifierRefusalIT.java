package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.results.BatchResults;
import io.biotrack.results.Detection;
import io.biotrack.results.ImageResult;
import io.biotrack.results.ResultsJson;
import io.biotrack.worker.MdFormat;
import io.biotrack.worker.TestData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --classifier}: what it refuses before reading any image (the folder given holds
 * only a file that is not an image, so a refusal after reading would show as a results file), and
 * what it writes when it runs.
 */
class ClassifierRefusalIT {
  @TempDir Path tmp;

  @Test
  void anUnknownCountryIsRefusedSayingWhich() throws Exception {
    Run run =
        detect(images(), "--classifier", TestData.classifier().toString(), "--country", "XYZ");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.errors).contains("unknown country \"XYZ\"").contains("ISO-3166-1 alpha-3");
    assertThat(output()).doesNotExist();
  }

  @Test
  void aStateOutsideTheUsaIsRefused() throws Exception {
    Run run =
        detect(
            images(),
            "--classifier",
            TestData.classifier().toString(),
            "--country",
            "KEN",
            "--admin1",
            "CA");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.errors).contains("only used with country USA");
  }

  @Test
  void aLabelsFileForAnotherModelIsRefused() throws Exception {
    Path folder = copyOfTestClassifier();
    List<String> labels = Files.readAllLines(folder.resolve("labels.txt"));
    Files.write(folder.resolve("labels.txt"), labels.subList(0, labels.size() - 1));

    Run run = detect(images(), "--classifier", folder.toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.errors)
        .contains(
            "has "
                + labels.size()
                + " outputs but its labels file has "
                + (labels.size() - 1)
                + " labels");
    assertThat(output()).doesNotExist();
  }

  @Test
  void aMissingLabelsFileIsRefused() throws Exception {
    Path folder = copyOfTestClassifier();
    Files.delete(folder.resolve("labels.txt"));

    Run run = detect(images(), "--classifier", folder.toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.errors).contains("labels file").contains("labels.txt").contains("is missing");
  }

  @Test
  void aCountryWithoutAClassifierIsRefused() throws Exception {
    Run run = detect(images(), "--country", "USA");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.errors).contains("pass --classifier DIR too");
  }

  @Test
  void classifiedResultsAreFormat16WithTaxonomyAndTheTestClassifierIsFlagged() throws Exception {
    Path photos = tmp.resolve("photos");
    Files.createDirectories(photos);
    for (String name :
        List.of("sample-arc-01.jpg", "sample-cfz-01.jpg", "sample-snapshotsafari-01.jpg")) {
      Files.copy(TestData.cameraTraps().resolve(name), photos.resolve(name));
    }

    Run run =
        detect(
            photos,
            "--classifier",
            TestData.classifier().toString(),
            "--country",
            "USA",
            "--admin1",
            "CA");

    assertThat(run.exit).as(run.errors).isZero();
    assertThat(run.errors).contains("TEST CLASSIFIER");
    MdFormat.assertValid(output());
    BatchResults results;
    try (InputStream in = Files.newInputStream(output())) {
      results = ResultsJson.read(in);
    }
    assertThat(results.info().classifier()).isEqualTo("biotrack-test-classifier-1");
    assertThat(results.info().classifierMetadata()).containsEntry("test_model", true);
    assertThat(results.classificationCategories()).isNotEmpty();
    assertThat(results.classificationCategoryDescriptions().keySet())
        .isEqualTo(results.classificationCategories().keySet());
    int classified = 0;
    for (ImageResult image : results.images()) {
      assertThat(image.prediction())
          .as(image.file())
          .isIn(results.classificationCategories().keySet());
      assertThat(image.predictionSource()).isNotBlank();
      for (Detection d : image.detections()) {
        if (d.conf() >= 0.1 && d.classifications() != null) {
          classified++;
          assertThat(d.classifications()).hasSize(5);
          assertThat(d.classifications().get(0).conf())
              .isGreaterThanOrEqualTo(d.classifications().get(4).conf());
        }
        if (d.conf() < 0.1) {
          assertThat(d.classifications()).isNull();
        }
      }
    }
    assertThat(classified).isPositive();
  }

  private Path images() throws Exception {
    Path dir = tmp.resolve("images");
    Files.createDirectories(dir);
    // Not an image: reading it would give a failure entry and a results file.
    Files.writeString(dir.resolve("not-really.jpg"), "not a JPEG");
    return dir;
  }

  private Path output() {
    return tmp.resolve("out.json");
  }

  private Path copyOfTestClassifier() throws Exception {
    Path copy = tmp.resolve("classifier");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(TestData.classifier())) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  record Run(int exit, String errors) {}

  private Run detect(Path dir, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                dir.toString(),
                "-o",
                output().toString(),
                "--model",
                TestData.model().toString(),
                "--threads",
                "2",
                "--quiet",
                "--checkpoint-every",
                "0"));
    args.addAll(List.of(extra));
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = new picocli.CommandLine(new DetectCommand()).execute(args.toArray(String[]::new));
      return new Run(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
