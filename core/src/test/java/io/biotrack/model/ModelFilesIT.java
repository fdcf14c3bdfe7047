package io.biotrack.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biotrack.testing.TorchFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and verifying model files, on real files (and the committed test model). */
class ModelFilesIT {
  @TempDir Path dir;

  @Test
  void theCommittedTestModelMatchesItsChecksum() {
    Path model =
        Path.of("../models/testing/biotrack-test-md.torchscript").toAbsolutePath().normalize();

    assertThat(ModelFiles.resolveAndVerify(model.getParent())).isEqualTo(model);
    assertThat(ModelFiles.resolveAndVerify(model)).isEqualTo(model);
  }

  @Test
  void aDirectoryMustHoldExactlyOneModel() throws Exception {
    assertThatThrownBy(() -> ModelFiles.resolveAndVerify(dir))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("exactly one");
    TorchFiles.torchScript(dir.resolve("a.pt"));
    Files.writeString(dir.resolve("notes.txt"), "not a model");
    assertThat(ModelFiles.resolveAndVerify(dir)).isEqualTo(dir.resolve("a.pt"));
    TorchFiles.torchScript(dir.resolve("b.torchscript"));
    assertThatThrownBy(() -> ModelFiles.resolveAndVerify(dir))
        .hasMessageContaining("a.pt")
        .hasMessageContaining("b.torchscript");
  }

  @Test
  void theSpeciesClassifiersFolderBesideADetectorIsNotTakenForASecondDetector() throws Exception {
    // data/models/ as the embedded platform has it: an installed detector and SpeciesNet's folder
    Path models = Files.createDirectories(dir.resolve("models"));
    Path detector =
        Files.createDirectories(models.resolve("mdv5a")).resolve("md_v5a.0.1.torchscript");
    TorchFiles.torchScript(detector);
    Path species = Files.createDirectories(models.resolve("speciesnet"));
    Files.writeString(
        species.resolve("info.json"), "{\"version\": \"4.0.3a\", \"type\": \"always_crop\"}");
    TorchFiles.torchScript(species.resolve("classifier.torchscript"));

    assertThat(new InstalledModels(models).list())
        .extracting(InstalledModel::name)
        .containsExactly("mdv5a");
    assertThat(ModelFiles.resolveAndVerify(models)).isEqualTo(detector);
  }

  @Test
  void aMissingPathIsReported() {
    assertThatThrownBy(() -> ModelFiles.resolveAndVerify(dir.resolve("nope.pt")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("model not found");
  }

  @Test
  void aChecksumMismatchIsRefused() throws Exception {
    Path model = TorchFiles.torchScript(dir.resolve("m.torchscript"));
    Files.writeString(dir.resolve("m.torchscript.sha256"), "0".repeat(64) + "  m.torchscript\n");

    assertThatThrownBy(() -> ModelFiles.resolveAndVerify(model))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("does not match")
        .hasMessageContaining(ModelFiles.sha256(model));
  }

  @Test
  void aMatchingChecksumInUpperCasePasses() throws Exception {
    Path model = TorchFiles.torchScript(dir.resolve("m.pt"));
    Files.writeString(dir.resolve("m.pt.sha256"), ModelFiles.sha256(model).toUpperCase());

    assertThat(ModelFiles.resolveAndVerify(model)).isEqualTo(model);
  }
}
