package io.biotrack.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * {@code model.json}, written by {@code biotrack model install} beside the TorchScript file it
 * installs ({@code {models}/NAME/}): what the file is, where it came from and how to run it. The
 * worker reads it for the decoding and for the results' {@code detector} and {@code
 * detector_metadata}; start-up checks the file against its digest.
 *
 * @param name the name it is installed (and chosen by jobs) under
 * @param file the TorchScript file's name in the same folder
 * @param sha256 the TorchScript file's SHA-256
 * @param layout how its output is decoded
 * @param imageSize the long side it runs at
 * @param stride the letterbox stride
 * @param classes the classes it detects (3 for MegaDetector)
 * @param detector what results write as {@code info.detector}: the published checkpoint's name, as
 *     MegaDetector writes its model file's name
 * @param megadetectorVersion the version whose {@code detector_metadata} results carry
 * @param source the checkpoint it was converted from
 * @param converter the versions that converted it (python, torch, the YOLO library)
 * @param installedAt ISO-8601 instant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
    String name,
    String title,
    String file,
    String sha256,
    OutputLayout layout,
    int imageSize,
    int stride,
    int classes,
    String detector,
    String megadetectorVersion,
    Source source,
    Map<String, String> converter,
    String installedAt) {

  public static final String FILE_NAME = "model.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The checkpoint a model was converted from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(String fileName, String url, Long size, String sha256, String md5) {}

  public ModelManifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(layout, "layout");
    if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new IllegalArgumentException("the model file must be a plain name: " + file);
    }
  }

  /** The manifest in {@code folder}, if there is one. */
  public static java.util.Optional<ModelManifest> readFrom(Path folder) {
    Path path = folder.resolve(FILE_NAME);
    if (!Files.isRegularFile(path)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(JSON.readValue(path.toFile(), ModelManifest.class));
    } catch (IOException | RuntimeException e) {
      throw new InvalidModelException(
          path
              + " is not a readable model manifest ("
              + e.getMessage().lines().findFirst().orElse("")
              + "): install the model again with `./biotrack model install "
              + folder.getFileName()
              + "`",
          e);
    }
  }

  public void writeTo(Path folder) throws IOException {
    Files.write(folder.resolve(FILE_NAME), JSON.writeValueAsBytes(this));
  }
}
