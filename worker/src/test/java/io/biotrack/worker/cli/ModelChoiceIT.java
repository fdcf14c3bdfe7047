package io.biotrack.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biotrack.worker.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which model {@code detect} runs, as {@code ./biotrack detect} starts it, and when it warns. */
class ModelChoiceIT {
  @TempDir Path tmp;

  @Test
  void anEmptyModelFolderFallsBackToTheTestModelWithAWarning() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("data/models"));

    ModelChoice choice = ModelChoice.choose(null, null, models, TestData.model());

    assertThat(choice.location()).isEqualTo(TestData.model());
    assertThat(choice.warning())
        .startsWith(
            "WARNING: no MegaDetector model in " + models + ": running the small TEST model")
        .contains("NOT real");
  }

  @Test
  void aModelInTheFolderIsTakenAndIsNoTestModel() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("data/models"));
    Files.write(models.resolve("md_v5a.0.0.torchscript"), new byte[] {1, 2, 3});

    ModelChoice choice = ModelChoice.choose(null, null, models, TestData.model());

    assertThat(choice.location()).isEqualTo(models);
    assertThat(choice.warning()).isNull();
  }

  @Test
  void ofSeveralInstalledModelsTheDefaultIsTakenAsUpTakesIt() throws Exception {
    // biotrack model install lays models out as {models}/NAME/; up's default is MDv5a.
    Path models = Files.createDirectories(tmp.resolve("data/models"));
    for (String name : new String[] {"mdv1000-redwood", "mdv5a", "mdv5b"}) {
      Files.write(
          Files.createDirectories(models.resolve(name)).resolve(name + ".torchscript"),
          new byte[] {1});
    }

    assertThat(ModelChoice.choose(null, null, models, TestData.model()).location())
        .isEqualTo(models.resolve("mdv5a"));
    assertThat(ModelChoice.choose(null, null, models, TestData.model(), "mdv5b").location())
        .isEqualTo(models.resolve("mdv5b"));
    assertThat(ModelChoice.choose(null, null, models, TestData.model()).warning()).isNull();
  }

  @Test
  void theTestModelIsWarnedAboutWhenNamedToo() throws Exception {
    // Named by its folder, by a copy elsewhere, or through BIOTRACK_MODEL: the same bytes.
    Path copy = Files.copy(TestData.model(), tmp.resolve("renamed.torchscript"));
    for (ModelChoice choice :
        new ModelChoice[] {
          ModelChoice.choose(TestData.model().getParent(), null, null, TestData.model()),
          ModelChoice.choose(copy, null, null, TestData.model()),
          ModelChoice.choose(null, copy.toString(), null, TestData.model())
        }) {
      assertThat(choice.warning())
          .as(choice.toString())
          .contains("is the small TEST model")
          .contains("NOT real");
    }
  }

  @Test
  void theOptionWinsOverTheEnvironmentWhichWinsOverTheFolder() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("data/models"));
    Files.write(models.resolve("a.pt"), new byte[] {1});
    Path option = tmp.resolve("option.pt");
    Path environment = tmp.resolve("environment.pt");

    assertThat(ModelChoice.choose(option, environment.toString(), models, null).location())
        .isEqualTo(option);
    assertThat(ModelChoice.choose(null, environment.toString(), models, null).location())
        .isEqualTo(environment);
    assertThat(ModelChoice.choose(null, " ", models, null).location()).isEqualTo(models);
    assertThat(ModelChoice.choose(null, null, null, null).location()).isNull();
  }
}
