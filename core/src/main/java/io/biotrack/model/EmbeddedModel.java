package io.biotrack.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The model the embedded platform's workers run, and whether it is the real thing. A user's
 * MegaDetector export is looked for in the model location ({@code --model} / {@code
 * BIOTRACK_MODEL}, default {@code {data}/models/}); when there is none, the platform still runs,
 * on the small test model committed with the code, whose detections mean nothing.
 *
 * @param file the TorchScript file the workers load
 * @param sha256 its SHA-256
 * @param testModel true for the test model: its results are not real detections
 * @param location where a real model was looked for
 */
public record EmbeddedModel(Path file, String sha256, boolean testModel, Path location) {

  public EmbeddedModel {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(location, "location");
  }

  /**
   * @param location a model file, or a directory holding one; a directory without a model file
   *     means "no real model"
   * @param chosenByUser the user named {@code location} (then it must exist); false for the
   *     default, which may not exist yet
   * @param testModel the committed test model, used when there is no real one
   * @throws InvalidModelException when a location the user named does not exist, holds several
   *     models or fails its checksum, or when there is neither a model nor the test model
   */
  public static EmbeddedModel choose(Path location, boolean chosenByUser, Path testModel) {
    if (chosenByUser && !Files.exists(location)) {
      throw new InvalidModelException("the model location " + location + " does not exist");
    }
    boolean noModelThere =
        !Files.exists(location)
            || (Files.isDirectory(location) && ModelFiles.candidates(location).isEmpty());
    if (!noModelThere) {
      Path file = ModelFiles.resolveAndVerify(location);
      String digest = ModelFiles.sha256(file);
      return new EmbeddedModel(file, digest, isTestModel(digest, testModel), location);
    }
    if (!Files.isRegularFile(testModel)) {
      throw new InvalidModelException(
          "no model: put a MegaDetector v5 TorchScript export in " + location
              + " (docs/models.md); the test model " + testModel + " is missing too");
    }
    ModelFiles.verify(testModel);
    return new EmbeddedModel(testModel, ModelFiles.sha256(testModel), true, location);
  }

  /** What to tell users while the test model runs; null for a real model. */
  public String warning() {
    if (!testModel) {
      return null;
    }
    return "TEST MODEL: results are NOT real detections. Biotrack is running the small test model "
        + file.getFileName() + " because there is no MegaDetector model in " + location
        + ". Export MDv5a to TorchScript and put it there (see docs/models.md), then restart.";
  }

  private static boolean isTestModel(String digest, Path testModel) {
    if (!Files.isRegularFile(testModel)) {
      return false;
    }
    String known = ModelFiles.recordedDigest(testModel).orElseGet(() -> ModelFiles.sha256(testModel));
    return known.equals(digest);
  }
}
