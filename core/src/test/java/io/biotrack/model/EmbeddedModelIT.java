package io.biotrack.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which model the embedded platform runs, on real files. */
class EmbeddedModelIT {
  @TempDir Path dir;
  Path testModel;
  Path models;

  @BeforeEach
  void files() throws IOException {
    testModel = Files.write(Files.createDirectories(dir.resolve("testing")).resolve("biotrack-test-md.torchscript"), new byte[] {1, 2, 3});
    Files.writeString(testModel.resolveSibling("biotrack-test-md.torchscript.sha256"), ModelFiles.sha256(testModel) + "  biotrack-test-md.torchscript\n");
    models = dir.resolve("data/models");
  }

  @Test
  void withoutAModelTheTestModelRunsAndSaysItsResultsAreNotReal() throws IOException {
    Files.createDirectories(models);

    EmbeddedModel chosen = EmbeddedModel.choose(models, false, testModel);

    assertThat(chosen.file()).isEqualTo(testModel);
    assertThat(chosen.testModel()).isTrue();
    assertThat(chosen.warning()).contains("NOT real detections", models.toString(), "docs/models.md");
  }

  @Test
  void aDefaultFolderThatDoesNotExistYetMeansNoModel() {
    assertThat(EmbeddedModel.choose(models, false, testModel).testModel()).isTrue();
  }

  @Test
  void aModelInTheFolderIsUsedAndVerified() throws IOException {
    Path real = Files.write(Files.createDirectories(models).resolve("md_v5a.0.0.torchscript"), new byte[] {9, 9, 9, 9});
    Files.writeString(models.resolve("md_v5a.0.0.torchscript.sha256"), ModelFiles.sha256(real) + "\n");

    EmbeddedModel chosen = EmbeddedModel.choose(models, true, testModel);

    assertThat(chosen.file()).isEqualTo(real);
    assertThat(chosen.testModel()).isFalse();
    assertThat(chosen.warning()).isNull();
    assertThat(chosen.sha256()).isEqualTo(ModelFiles.sha256(real));
  }

  @Test
  void theTestModelNamedExplicitlyStillCarriesTheWarning() {
    EmbeddedModel chosen = EmbeddedModel.choose(testModel, true, testModel);

    assertThat(chosen.testModel()).isTrue();
    assertThat(chosen.warning()).contains("NOT real detections");
  }

  @Test
  void refusesAModelThatFailsItsChecksum() throws IOException {
    Path real = Files.write(Files.createDirectories(models).resolve("md_v5a.0.0.torchscript"), new byte[] {9});
    Files.writeString(models.resolve("md_v5a.0.0.torchscript.sha256"), "00ff  md_v5a.0.0.torchscript\n");

    assertThatThrownBy(() -> EmbeddedModel.choose(models, false, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("does not match")
        .hasMessageContaining(real.getFileName().toString());
  }

  @Test
  void refusesAFolderWithSeveralModelsAndALocationThatDoesNotExist() throws IOException {
    Files.write(Files.createDirectories(models).resolve("a.pt"), new byte[] {1});
    Files.write(models.resolve("b.torchscript"), new byte[] {2});

    assertThatThrownBy(() -> EmbeddedModel.choose(models, true, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> EmbeddedModel.choose(dir.resolve("typo.torchscript"), true, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void withNeitherAModelNorTheTestModelItSaysWhereToPutOne() {
    assertThatThrownBy(() -> EmbeddedModel.choose(models, false, dir.resolve("missing.torchscript")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("put a MegaDetector v5 TorchScript export in " + models);
  }
}
