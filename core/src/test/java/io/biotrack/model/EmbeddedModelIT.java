package io.biotrack.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.testing.TorchFiles;
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
    testModel =
        TorchFiles.torchScript(
            Files.createDirectories(dir.resolve("testing"))
                .resolve("biotrack-test-md.torchscript"));
    Files.writeString(
        testModel.resolveSibling("biotrack-test-md.torchscript.sha256"),
        ModelFiles.sha256(testModel) + "  biotrack-test-md.torchscript\n");
    models = dir.resolve("data/models");
  }

  @Test
  void withoutAModelTheTestModelRunsAndSaysItsResultsAreNotReal() throws IOException {
    Files.createDirectories(models);

    EmbeddedModel chosen = EmbeddedModel.choose(models, false, testModel);

    assertThat(chosen.file()).isEqualTo(testModel);
    assertThat(chosen.testModel()).isTrue();
    assertThat(chosen.warning())
        .contains("NOT real detections", models.toString(), "docs/models.md");
  }

  @Test
  void aDefaultFolderThatDoesNotExistYetMeansNoModel() {
    assertThat(EmbeddedModel.choose(models, false, testModel).testModel()).isTrue();
  }

  @Test
  void aModelInTheFolderIsUsedAndVerified() throws IOException {
    Path real =
        TorchFiles.torchScript(Files.createDirectories(models).resolve("md_v5a.0.0.torchscript"));
    Files.writeString(
        models.resolve("md_v5a.0.0.torchscript.sha256"), ModelFiles.sha256(real) + "\n");

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
    Path real =
        TorchFiles.torchScript(Files.createDirectories(models).resolve("md_v5a.0.0.torchscript"));
    Files.writeString(
        models.resolve("md_v5a.0.0.torchscript.sha256"), "00ff  md_v5a.0.0.torchscript\n");

    assertThatThrownBy(() -> EmbeddedModel.choose(models, false, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("does not match")
        .hasMessageContaining(real.getFileName().toString());
  }

  @Test
  void everyModelInTheFolderIsInstalledAndMdv5aIsTheDefault() throws IOException {
    TorchFiles.torchScript(Files.createDirectories(models).resolve("a.pt"));
    Path mdv5a =
        TorchFiles.torchScript(
            Files.createDirectories(models.resolve("mdv5a")).resolve("md_v5a.0.1.torchscript"));
    Path redwood =
        TorchFiles.torchScript(
            Files.createDirectories(models.resolve("redwood"))
                .resolve("md_v1000.0.0-redwood.torchscript"));
    Files.writeString(
        redwood.resolveSibling("md_v1000.0.0-redwood.torchscript.sha256"),
        ModelFiles.sha256(redwood));

    EmbeddedModel chosen = EmbeddedModel.choose(models, true, testModel);

    assertThat(chosen.names()).containsExactly("a.pt", "mdv5a", "redwood");
    assertThat(chosen.name()).isEqualTo("mdv5a");
    assertThat(chosen.file()).isEqualTo(mdv5a);
    assertThat(chosen.modelDir()).isEqualTo(models);
    assertThat(chosen.model("redwood").file()).isEqualTo(redwood);
    assertThat(EmbeddedModel.choose(models, true, testModel, "redwood").file()).isEqualTo(redwood);
    assertThatThrownBy(() -> EmbeddedModel.choose(models, true, testModel, "cedar"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("./biotrack model install cedar");
  }

  @Test
  void refusesALocationThatDoesNotExist() {
    assertThatThrownBy(() -> EmbeddedModel.choose(dir.resolve("typo.torchscript"), true, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void withNeitherAModelNorTheTestModelItSaysWhereToPutOne() {
    assertThatThrownBy(
            () -> EmbeddedModel.choose(models, false, dir.resolve("missing.torchscript")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("./biotrack model install mdv5a");
  }

  /**
   * Issue 14: MegaDetector's published {@code md_v5a.0.0.pt} in the models folder was taken as a
   * real model at start-up, and then every job failed ("PytorchStreamReader failed locating file
   * constants.pkl").
   */
  @Test
  void megaDetectorsPublishedCheckpointStopsStartUpWithTheInstallCommand() throws IOException {
    Path raw = TorchFiles.checkpoint(Files.createDirectories(models).resolve("md_v5a.0.0.pt"));

    assertThatThrownBy(() -> EmbeddedModel.choose(models, false, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(raw.toString())
        .hasMessageContaining("checkpoint")
        .hasMessageContaining("biotrack model install mdv5a --from " + raw)
        .hasMessageNotContaining("\n");
  }

  @Test
  void aTruncatedOrLegacyCheckpointStopsStartUpToo() throws IOException {
    Path whole = TorchFiles.torchScript(dir.resolve("whole.torchscript"));
    Path cut =
        TorchFiles.truncated(
            whole, Files.createDirectories(models).resolve("md_v5b.0.0.torchscript"), 300);

    assertThatThrownBy(() -> EmbeddedModel.choose(models, false, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(cut.toString())
        .hasMessageContaining("incomplete")
        .hasMessageContaining("biotrack model install mdv5b");

    Files.delete(cut);
    Path legacy = TorchFiles.legacyCheckpoint(models.resolve("old.pt"));
    assertThatThrownBy(() -> EmbeddedModel.choose(models, false, testModel))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining(legacy.toString())
        .hasMessageContaining("checkpoint")
        .hasMessageContaining("biotrack model install NAME --from " + legacy);
  }
}
