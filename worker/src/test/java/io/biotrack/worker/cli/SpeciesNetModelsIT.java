package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.model.ModelCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model list / install} and SpeciesNet's published classifiers. */
class SpeciesNetModelsIT {
  @TempDir Path data;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    ModelCommandAccess.streams(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    ModelCommandAccess.catalogue(ModelCatalogue.megadetector());
  }

  @AfterEach
  void restore() {
    ModelCommandAccess.streams(System.out, System.err);
  }

  @Test
  void listShowsSpeciesNetsVersionsTheirLinksThatNoDigestIsPublishedAndWhichIsInstalled()
      throws IOException {
    Path folder = Files.createDirectories(data.resolve("models/speciesnet"));
    Files.writeString(
        folder.resolve("info.json"), "{\"version\": \"4.0.3a\", \"type\": \"always_crop\"}");

    assertThat(ModelCommandAccess.execute("model", "list", "--data", data.toString())).isZero();

    String listed = out.toString(StandardCharsets.UTF_8);
    assertThat(listed)
        .containsPattern("speciesnet-v4\\.0\\.3a +4\\.0\\.3a +always_crop +yes +yes \\(")
        .containsPattern("speciesnet-v4\\.0\\.3b +4\\.0\\.3b +full_image +no +no")
        .contains(
            "https://www.kaggle.com/api/v1/models/google/speciesnet/pyTorch/v4.0.3a/1/download"
                + "  SHA-256 not published  MD5 not published")
        .contains("mdv5a"); // the detectors still listed first
  }

  @Test
  void installOfASpeciesNetReleaseIsRefusedWithTheStepsAndTheWholeImageOnesWithTheCropOne() {
    assertThat(
            ModelCommandAccess.execute(
                "model", "install", "speciesnet-v4.0.3a", "--data", data.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("publishes no digest")
        .contains(
            "https://www.kaggle.com/api/v1/models/google/speciesnet/pyTorch/v4.0.3a/1/download")
        .contains(data.resolve("models").resolve("speciesnet").toString());
    err.reset();
    assertThat(
            ModelCommandAccess.execute(
                "model", "install", "speciesnet-v4.0.2b", "--data", data.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("install speciesnet-v4.0.2a instead");
  }
}
