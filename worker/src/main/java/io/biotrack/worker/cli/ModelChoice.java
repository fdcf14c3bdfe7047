package io.biotrack.worker.cli;

import io.biotrack.model.InvalidModelException;
import io.biotrack.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model {@code detect} runs, in order: {@code --model}, {@code $BIOTRACK_MODEL}, then, where
 * the launcher names them ({@code ./biotrack detect} passes {@code -Dbiotrack.modelDir} and
 * {@code -Dbiotrack.testModel}), the model in {@code ./data/models/}, else the small test model —
 * the same choice as {@code ./biotrack up}. Whichever way the test model was chosen, its
 * detections mean nothing, and {@link #warning()} says so.
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
        pathProperty(TEST_MODEL_PROPERTY));
  }

  static ModelChoice choose(Path option, String environment, Path modelDir, Path testModel) {
    Path named = option != null ? option : blank(environment) ? null : Path.of(environment);
    if (named != null) {
      return new ModelChoice(named, isTestModel(named, testModel), false, null);
    }
    if (modelDir != null && Files.isDirectory(modelDir) && !ModelFiles.candidates(modelDir).isEmpty()) {
      return new ModelChoice(modelDir, isTestModel(modelDir, testModel), false, modelDir);
    }
    if (testModel != null && Files.isRegularFile(testModel)) {
      return new ModelChoice(testModel, true, true, modelDir);
    }
    return new ModelChoice(null, false, false, modelDir);
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
      text.append(", else the small TEST model ").append(testModel).append(", whose detections mean nothing");
    }
    return text.toString();
  }

  /** What to print before running; null for a real model. */
  String warning() {
    if (!testModel) {
      return null;
    }
    if (fallback) {
      return "WARNING: no MegaDetector model in " + modelDir + ": running the small TEST model "
          + location.getFileName() + "; its detections are NOT real (docs/models.md)";
    }
    return "WARNING: " + location + " is the small TEST model: its detections are NOT real"
        + " (docs/models.md)";
  }

  /**
   * Whether {@code location} is the test model: the same bytes (its size first, so a real model
   * of hundreds of MB is not hashed for this). False when it cannot be told; loading then says why.
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
      String known = ModelFiles.recordedDigest(testModel).orElseGet(() -> ModelFiles.sha256(testModel));
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
