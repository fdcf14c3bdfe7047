package io.biotrack.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The size and stride MegaDetector runs a {@code .pt} checkpoint at, decided as its source decides
 * them (agentmorris/MegaDetector at 136e1e38, {@code megadetector/detection/pytorch_detector.py}):
 *
 * <ul>
 *   <li>{@code PTDetector.__init__} (lines 794-805) reads {@code image_size} from the {@code
 *       megadetector_info.json} inside the checkpoint ({@code
 *       read_metadata_from_megadetector_model_file}, lines 674-728: the zip must have exactly one
 *       top-level folder and the file sits in it) and otherwise assumes 1280. Nothing else is
 *       consulted: {@code run_detector.py}'s {@code known_models} has {@code image_size} only for
 *       MDv5 (1280, lines 177-215) and none for MDv1000, and {@code PTDetector} never reads it.
 *   <li>The stride (lines 827-843) is 64 when that size is exactly 1280, else 32.
 * </ul>
 *
 * <p>So the published file, not a table, decides: the catalogue's sizes are the release notes' and
 * {@code biotrack model install} records this one.
 *
 * @param imageSize the long side the letterbox resizes to
 * @param stride the multiple the letterbox pads to
 * @param fromMetadata whether the checkpoint's metadata gave the size (else MegaDetector's 1280)
 */
public record CheckpointInputSize(int imageSize, int stride, boolean fromMetadata) {
  /** MegaDetector's size for a checkpoint without metadata (MDv5a/b, which carry none). */
  public static final int DEFAULT_IMAGE_SIZE = 1280;

  static final String METADATA_FILE = "megadetector_info.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Size and stride for an {@code image_size} from metadata, or null for none. */
  public static CheckpointInputSize of(Integer metadataImageSize) {
    if (metadataImageSize != null && metadataImageSize <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + metadataImageSize);
    }
    int size = metadataImageSize != null ? metadataImageSize : DEFAULT_IMAGE_SIZE;
    return new CheckpointInputSize(size, size == 1280 ? 64 : 32, metadataImageSize != null);
  }

  /** What MegaDetector runs {@code checkpoint} at. */
  public static CheckpointInputSize of(Path checkpoint) throws IOException {
    return of(metadataImageSize(checkpoint));
  }

  /**
   * {@code image_size} of the checkpoint's {@code megadetector_info.json}; null where MegaDetector
   * finds none (no such file, not one top-level folder, unreadable JSON, no {@code image_size}).
   *
   * @throws IOException if the file is not a zip archive, or its {@code image_size} is no size
   */
  static Integer metadataImageSize(Path checkpoint) throws IOException {
    try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
      Set<String> roots = new HashSet<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        roots.add(e.nextElement().getName().split("/", -1)[0]);
      }
      if (roots.size() != 1) {
        return null;
      }
      ZipEntry metadata = zip.getEntry(roots.iterator().next() + "/" + METADATA_FILE);
      if (metadata == null) {
        return null;
      }
      JsonNode size;
      try (InputStream in = zip.getInputStream(metadata)) {
        size = JSON.readTree(in).path("image_size");
      } catch (IOException e) {
        return null; // MegaDetector prints a warning and goes on without metadata
      }
      if (size.isMissingNode() || size.isNull()) {
        return null;
      }
      if (!size.isIntegralNumber() || !size.canConvertToInt() || size.intValue() <= 0) {
        // MegaDetector would hand it to the letterbox as it is; no published file has one.
        throw new IOException(METADATA_FILE + " gives image_size " + size + ", not a size");
      }
      return size.intValue();
    }
  }
}
