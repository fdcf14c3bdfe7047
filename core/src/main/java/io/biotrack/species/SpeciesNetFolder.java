package io.biotrack.species;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biotrack.model.InvalidModelException;
import io.biotrack.model.ModelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SpeciesNet model folder as SpeciesNet's {@code ModelInfo} reads it: {@code info.json} naming
 * the classifier, its labels file, the taxonomy and the geofence files (paths relative to the
 * folder), and the model type. Biotrack runs the classifier as TorchScript (docs/species.md says
 * how to export it) and only "a" models ({@code always_crop}), which classify each detection's
 * crop.
 *
 * @param testModel {@code "test_model": true} in info.json: Biotrack's committed random-weight
 *     classifier, whose results mean nothing
 */
public record SpeciesNetFolder(
    Path dir,
    String version,
    Path classifier,
    List<SpeciesLabel> labels,
    List<SpeciesLabel> taxonomy,
    GeofenceRules geofence,
    boolean testModel) {

  public static final String ALWAYS_CROP = "always_crop";

  /** The folder's name in a platform's model cache (embedded: {@code data/models/speciesnet/}). */
  public static final String CACHE_NAME = "speciesnet";

  /**
   * Reads and checks everything but the network itself.
   *
   * @throws InvalidClassifierException naming the file that is missing or wrong
   */
  public static SpeciesNetFolder load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidClassifierException(
          "classifier not found: "
              + dir
              + " is not a folder (pass a SpeciesNet model folder with info.json)");
    }
    Path infoFile = dir.resolve("info.json");
    if (!Files.isRegularFile(infoFile)) {
      throw new InvalidClassifierException(
          "the classifier folder " + dir + " has no info.json (SpeciesNet's model description)");
    }
    JsonNode info;
    try {
      info = new ObjectMapper().readTree(infoFile.toFile());
    } catch (IOException e) {
      throw new InvalidClassifierException("cannot read " + infoFile + ": " + e.getMessage(), e);
    }
    String type = info.path("type").asText("");
    if (!ALWAYS_CROP.equals(type)) {
      throw new InvalidClassifierException(
          "the classifier in "
              + dir
              + " has type \""
              + type
              + "\": Biotrack runs only SpeciesNet's"
              + " \"a\" models (type always_crop), which classify each detection's crop");
    }
    Path model = file(dir, info, "classifier", "classifier");
    try {
      ModelFiles.verify(model);
    } catch (InvalidModelException e) {
      throw new InvalidClassifierException(e.getMessage(), e);
    }
    List<SpeciesLabel> labels = labels(file(dir, info, "classifier_labels", "labels file"));
    if (labels.isEmpty()) {
      throw new InvalidClassifierException("the labels file of " + dir + " is empty");
    }
    List<SpeciesLabel> taxonomy = labels(file(dir, info, "taxonomy", "taxonomy file"));
    GeofenceRules geofence = geofence(file(dir, info, "geofence", "geofence file"));
    return new SpeciesNetFolder(
        dir,
        info.path("version").asText(dir.getFileName().toString()),
        model,
        labels,
        taxonomy,
        geofence,
        info.path("test_model").asBoolean(false));
  }

  private static Path file(Path dir, JsonNode info, String key, String what) {
    String name = info.path(key).asText("");
    if (name.isEmpty()) {
      throw new InvalidClassifierException(
          dir.resolve("info.json") + " names no " + what + " (\"" + key + "\")");
    }
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new InvalidClassifierException(
          "the " + what + " " + file + " named in info.json is missing");
    }
    return file;
  }

  /** One label a line, SpeciesNet's 7-field format; blank lines are not labels. */
  static List<SpeciesLabel> labels(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidClassifierException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<SpeciesLabel> labels = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        labels.add(new SpeciesLabel(line));
      } catch (IllegalArgumentException e) {
        throw new InvalidClassifierException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return labels;
  }

  static GeofenceRules geofence(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidClassifierException(
          "cannot read the geofence file " + file + ": " + e.getMessage(), e);
    }
    Map<String, GeofenceRules.Rule> rules = new LinkedHashMap<>();
    root.fields()
        .forEachRemaining(
            e ->
                rules.put(
                    e.getKey(),
                    new GeofenceRules.Rule(
                        countries(e.getValue().get("allow")),
                        countries(e.getValue().get("block")))));
    return new GeofenceRules(rules);
  }

  private static Map<String, List<String>> countries(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              List<String> states = new ArrayList<>();
              e.getValue().forEach(s -> states.add(s.asText()));
              map.put(e.getKey(), List.copyOf(states));
            });
    return map;
  }
}
