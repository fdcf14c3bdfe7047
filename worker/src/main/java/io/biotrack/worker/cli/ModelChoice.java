package io.biotrack.worker.cli;

import io.biotrack.model.EmbeddedModel;
import io.biotrack.model.InstalledModel;
import io.biotrack.model.InstalledModels;
import io.biotrack.model.InvalidModelException;
import io.biotrack.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The model {@code detect} runs, in order: {@code --model}, {@code $BIOTRACK_MODEL}, then, where
 * the launcher names them ({@code ./biotrack detect} passes {@code -Dbiotrack.modelDir} and {@code
 * -Dbiotrack.testModel}), the model in {@code ./data/models/} (of several installed by {@code
 * biotrack model install}, the one {@code ./biotrack up} makes the default: {@code
 * $BIOTRACK_DEFAULT_MODEL}, else MDv5a, else the catalogue's first), else the small test model —
 * the same choice as {@code ./biotrack up}. Whichever way the test model was chosen, its detections
 * mean nothing, and {@link #warning()} says so.
 *
 * @param location the file or folder to load; null when there is none
 * @param testModel the location is the committed test model
 * @param fallback no model was named and none was in the model folder
 * @param modelDir where a model was looked for (for the warning); null when not looked
 */
record ModelChoice(Path location, boolean testModel, boolean fallback, Path modelDir) {
  static final String MODEL_DIR_PROPERTY = "biotrack.modelDir";
  static final String TEST_MODEL_PROPERTY = "biotrack.testModel";

  /** The choice as this process was started: its option, environment and system properties. */
  static ModelChoice of(Path option) {
    return choose(
        option,
        System.getenv("BIOTRACK_MODEL"),
        pathProperty(MODEL_DIR_PROPERTY),
        pathProperty(TEST_MODEL_PROPERTY),
        System.getenv("BIOTRACK_DEFAULT_MODEL"));
  }

  static ModelChoice choose(Path option, String environment, Path modelDir, Path testModel) {
    return choose(option, environment, modelDir, testModel, null);
  }

  static ModelChoice choose(
      Path option, String environment, Path modelDir, Path testModel, String defaultName) {
    Path named = option != null ? option : blank(environment) ? null : Path.of(environment);
    if (named != null) {
      return new ModelChoice(named, isTestModel(named, testModel), false, null);
    }
    if (modelDir != null && Files.isDirectory(modelDir)) {
      Path found = inModelDir(modelDir, blank(defaultName) ? null : defaultName);
      if (found != null) {
        return new ModelChoice(found, isTestModel(found, testModel), false, modelDir);
      }
    }
    if (testModel != null && Files.isRegularFile(testModel)) {
      return new ModelChoice(testModel, true, true, modelDir);
    }
    return new ModelChoice(null, false, false, modelDir);
  }

  /**
   * The model in {@code modelDir}: the folder itself when it holds a model file, else the folder of
   * the default installed model; null when there is none. A folder that cannot be read as models is
   * returned as it is, so that loading it says what is wrong.
   */
  private static Path inModelDir(Path modelDir, String defaultName) {
    try {
      if (!ModelFiles.candidates(modelDir).isEmpty()) {
        return modelDir;
      }
      List<InstalledModel> installed = new InstalledModels(modelDir).list();
      if (installed.isEmpty()) {
        return null;
      }
      return EmbeddedModel.defaultAmong(installed, defaultName, modelDir).file().getParent();
    } catch (InvalidModelException e) {
      return modelDir;
    }
  }

  /** What the help shows as the default, true to this process's fallbacks. */
  static String describeDefault() {
    Path modelDir = pathProperty(MODEL_DIR_PROPERTY);
    Path testModel = pathProperty(TEST_MODEL_PROPERTY);
    StringBuilder text = new StringBuilder("$BIOTRACK_MODEL");
    if (modelDir != null) {
      text.append(", else the model in ").append(modelDir);
    }
    if (testModel != null) {
      text.append(", else the small TEST model ")
          .append(testModel)
          .append(", whose detections mean nothing");
    }
    return text.toString();
  }

  /** What to print before running; null for a real model. */
  String warning() {
    if (!testModel) {
      return null;
    }
    if (fallback) {
      return "WARNING: no MegaDetector model in "
          + modelDir
          + ": running the small TEST model "
          + location.getFileName()
          + "; its detections are NOT real (docs/models.md)";
    }
    return "WARNING: "
        + location
        + " is the small TEST model: its detections are NOT real"
        + " (docs/models.md)";
  }

  /**
   * Whether {@code location} is the test model: the same bytes (its size first, so a real model of
   * hundreds of MB is not hashed for this). False when it cannot be told; loading then says why.
   */
  private static boolean isTestModel(Path location, Path testModel) {
    if (testModel == null || !Files.isRegularFile(testModel)) {
      return false;
    }
    try {
      Path file = ModelFiles.resolve(location);
      if (Files.size(file) != Files.size(testModel)) {
        return false;
      }
      String known =
          ModelFiles.recordedDigest(testModel).orElseGet(() -> ModelFiles.sha256(testModel));
      return ModelFiles.sha256(file).equals(known);
    } catch (InvalidModelException | IOException e) {
      return false;
    }
  }

  private static Path pathProperty(String name) {
    String value = System.getProperty(name);
    return blank(value) ? null : Path.of(value).toAbsolutePath().normalize();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
