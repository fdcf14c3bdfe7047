package io.biotrack.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The objects of a multi-document YAML stream (a helm template output or manifests file). */
public record Rendered(List<JsonNode> objects) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public Rendered {
    objects = List.copyOf(objects);
  }

  public static Rendered parse(String yaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML", e);
    }
    return new Rendered(objects);
  }

  public static JsonNode parseOne(String yaml) {
    List<JsonNode> objects = parse(yaml).objects();
    if (objects.size() != 1) {
      throw new AssertionError("expected one YAML document, found " + objects.size());
    }
    return objects.get(0);
  }

  public Stream<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
  }

  /** The one object of this kind and name. */
  public JsonNode get(String kind, String name) {
    List<JsonNode> found =
        ofKind(kind).filter(o -> name.equals(o.path("metadata").path("name").asText())).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + kind + " " + name + ", found " + found.size() + " in " + names());
    }
    return found.get(0);
  }

  /** "Kind/name" of every object, for assertions and messages. */
  public List<String> names() {
    return objects.stream().map(Rendered::nameOf).toList();
  }

  public List<String> kinds() {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  /** The pod templates of all workloads (Deployments here). */
  public List<JsonNode> podTemplates() {
    return ofKind("Deployment").map(d -> d.path("spec").path("template")).toList();
  }

  public static String nameOf(JsonNode object) {
    return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
  }
}
