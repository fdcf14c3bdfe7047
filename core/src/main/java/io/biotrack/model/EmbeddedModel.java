package io.biotrack.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The models the embedded platform's workers run, the default among them, and whether it is the
 * real thing. Models are looked for in the model location ({@code --model} / {@code
 * BIOTRACK_MODEL}, default {@code {data}/models/}): folders installed by {@code biotrack model
 * install} ({@code NAME/}), or a model file put there by hand. When there is none, the platform
 * still runs, on the small test model committed with the code, whose detections mean nothing.
 *
 * @param file the default model's TorchScript file
 * @param sha256 its SHA-256
 * @param testModel true for the test model: its results are not real detections
 * @param location where real models were looked for
 * @param name the default model's name (what a job that chooses none runs)
 * @param modelDir the folder a model's name is resolved in ({@code modelDir/NAME})
 * @param installed every model jobs may choose, by name
 */
public record EmbeddedModel(
    Path file,
    String sha256,
    boolean testModel,
    Path location,
    String name,
    Path modelDir,
    List<InstalledModel> installed) {

  public EmbeddedModel {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelDir, "modelDir");
    installed = List.copyOf(installed);
  }

  public static EmbeddedModel choose(Path location, boolean chosenByUser, Path testModel) {
    return choose(location, chosenByUser, testModel, null);
  }

  /**
   * @param location a models folder, a folder holding one model file, or a model file; a folder
   *     without a model means "no real model"
   * @param chosenByUser the user named {@code location} (then it must exist); false for the
   *     default, which may not exist yet
   * @param testModel the committed test model, used when there is no real one
   * @param defaultName the model jobs run when they choose none; null: MDv5a if installed, else the
   *     first of the catalogue's that is, else the first by name
   * @throws InvalidModelException when a location the user named does not exist, when a model fails
   *     its checks ({@link InstalledModels#checkAll()}), when the default is not installed, or when
   *     there is neither a model nor the test model
   */
  public static EmbeddedModel choose(
      Path location, boolean chosenByUser, Path testModel, String defaultName) {
    if (chosenByUser && !Files.exists(location)) {
      throw new InvalidModelException("the model location " + location + " does not exist");
    }
    List<InstalledModel> models = List.of();
    Path modelDir = location;
    if (Files.isRegularFile(location)) {
      Path file = ModelFiles.resolveAndVerify(location);
      models = List.of(new InstalledModel(file.getFileName().toString(), file, null));
      modelDir = file.getParent();
    } else if (Files.isDirectory(location)) {
      models = new InstalledModels(location).checkAll();
    }
    if (models.isEmpty()) {
      if (defaultName != null) {
        throw new InvalidModelException(
            "the default model '"
                + defaultName
                + "' is not installed in "
                + location
                + ": install it with `./biotrack model install "
                + defaultName
                + "`");
      }
      return testModel(location, testModel);
    }
    InstalledModel chosen = defaultAmong(models, defaultName, location);
    // checkAll() has just verified an installed model against its manifest's digest.
    String digest =
        chosen.manifest() != null ? chosen.manifest().sha256() : ModelFiles.sha256(chosen.file());
    return new EmbeddedModel(
        chosen.file(),
        digest,
        isTestModel(digest, testModel),
        location,
        chosen.name(),
        modelDir,
        models);
  }

  /** The model a job runs: its own choice, else the default. */
  public InstalledModel model(String chosen) {
    String wanted = chosen != null ? chosen : name;
    return installed.stream()
        .filter(m -> m.name().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new InvalidModelException("model '" + wanted + "' is not installed"));
  }

  public List<String> names() {
    return installed.stream().map(InstalledModel::name).toList();
  }

  /** What to tell users while the test model runs; null for a real model. */
  public String warning() {
    if (!testModel) {
      return null;
    }
    return "TEST MODEL: results are NOT real detections. Biotrack is running the small test model "
        + file.getFileName()
        + " because there is no MegaDetector model in "
        + location
        + ". Install one with `./biotrack model install mdv5a` (see docs/models.md), then restart.";
  }

  /**
   * The model a job that chooses none runs: {@code defaultName}, else MDv5a if installed, else the
   * first of the catalogue's that is, else the first by name. {@code biotrack detect} picks from a
   * models folder the same way.
   *
   * @throws InvalidModelException when {@code defaultName} is not among {@code models}
   */
  public static InstalledModel defaultAmong(
      List<InstalledModel> models, String defaultName, Path location) {
    if (defaultName != null) {
      return models.stream()
          .filter(m -> m.name().equals(defaultName))
          .findFirst()
          .orElseThrow(
              () ->
                  new InvalidModelException(
                      "the default model '"
                          + defaultName
                          + "' is not installed in "
                          + location
                          + " (installed: "
                          + String.join(", ", models.stream().map(InstalledModel::name).toList())
                          + "): install it with `./biotrack model install "
                          + defaultName
                          + "`"));
    }
    List<String> order = ModelCatalogue.megadetector().names();
    return models.stream()
        .min(
            Comparator.comparingInt(
                    (InstalledModel m) -> {
                      int i = order.indexOf(m.name());
                      return i < 0 ? order.size() : i;
                    })
                .thenComparing(InstalledModel::name))
        .orElseThrow();
  }

  private static EmbeddedModel testModel(Path location, Path testModel) {
    if (!Files.isRegularFile(testModel)) {
      throw new InvalidModelException(
          "no model: install one with `./biotrack model install mdv5a` (it goes into "
              + location
              + "; docs/models.md); the test model "
              + testModel
              + " is missing too");
    }
    ModelFiles.verify(testModel);
    ModelFileCheck.requireTorchScript(testModel, null);
    // The test model's folder holds only it, so its folder's name resolves to it.
    Path folder = testModel.getParent();
    InstalledModel test = new InstalledModel(folder.getFileName().toString(), testModel, null);
    return new EmbeddedModel(
        testModel,
        ModelFiles.sha256(testModel),
        true,
        location,
        test.name(),
        folder.getParent(),
        List.of(test));
  }

  private static boolean isTestModel(String digest, Path testModel) {
    if (!Files.isRegularFile(testModel)) {
      return false;
    }
    String known =
        ModelFiles.recordedDigest(testModel).orElseGet(() -> ModelFiles.sha256(testModel));
    return known.equals(digest);
  }
}
