package io.biotrack.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model {@code biotrack model install NAME} knows: what MegaDetector publishes for it and how
 * MegaDetector runs it.
 *
 * @param name the short name users type ({@code mdv5a}, {@code redwood}); also the folder it is
 *     installed in, {@code {models}/NAME/}
 * @param title MegaDetector's own name for it
 * @param architecture the YOLO architecture (MegaDetector's release notes)
 * @param library the Python code that defines the checkpoint's classes and so is needed to convert
 *     it: {@code yolov5}, {@code yolov9} or {@code ultralytics} (MegaDetector's model types)
 * @param layout how its output is decoded
 * @param imageSize the long side it runs at (MegaDetector's {@code image_size})
 * @param stride the letterbox stride: 64 for the 1280-px models, else 32 (as {@code
 *     pytorch_detector.py} decides)
 * @param typicalThreshold MegaDetector's {@code typical_detection_threshold}; null where its table
 *     gives none (it then falls back to 0.2)
 * @param relativeSpeed MegaDetector's {@code normalized_typical_inference_speed} (MDv5 = 1)
 * @param licence the licence of its default inference code, as the release notes give it
 * @param checkpoints the published files, the current one first
 */
public record CatalogueEntry(
    String name,
    String title,
    String architecture,
    String library,
    OutputLayout layout,
    int imageSize,
    int stride,
    Double typicalThreshold,
    double relativeSpeed,
    String licence,
    List<PublishedCheckpoint> checkpoints) {

  /** Names that can be a folder everywhere and a value in a URL or an environment variable. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public CatalogueEntry {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad model name " + name);
    }
    Objects.requireNonNull(layout, "layout");
    checkpoints = List.copyOf(checkpoints);
    if (checkpoints.isEmpty()) {
      throw new IllegalArgumentException(name + " has no published checkpoint");
    }
    if (imageSize <= 0 || imageSize % stride != 0) {
      throw new IllegalArgumentException(name + ": image size must be a multiple of the stride");
    }
  }

  /** The file MegaDetector downloads for it today. */
  public PublishedCheckpoint current() {
    return checkpoints.get(0);
  }

  /** The published file of this name (case-insensitive). */
  public Optional<PublishedCheckpoint> checkpoint(String fileName) {
    return checkpoints.stream().filter(c -> c.fileName().equalsIgnoreCase(fileName)).findFirst();
  }
}
