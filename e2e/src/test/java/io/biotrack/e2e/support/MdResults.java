package io.biotrack.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A results file checked against the MegaDetector batch output format (format 1.6: {@code info},
 * {@code detection_categories}, {@code images} with {@code file} and {@code detections} or {@code
 * failure}), the format Timelapse and AddaxAI read.
 */
public final class MdResults {
  private final JsonNode root;

  private MdResults(JsonNode root) {
    this.root = root;
  }

  /** Parses and checks the format; fails the test on any deviation. */
  public static MdResults check(byte[] json) {
    JsonNode root = Api.parse(json);
    assertThat(root.path("info").path("format_version").asText()).isEqualTo("1.6");
    assertThat(root.path("info").path("detector").asText()).isNotBlank();
    assertThat(root.path("detection_categories").path("1").asText()).isEqualTo("animal");
    assertThat(root.path("detection_categories").path("2").asText()).isEqualTo("person");
    assertThat(root.path("detection_categories").path("3").asText()).isEqualTo("vehicle");
    assertThat(root.path("images").isArray()).isTrue();
    for (JsonNode image : root.path("images")) {
      assertThat(image.path("file").asText()).as("file of %s", image).isNotBlank();
      if (image.has("failure")) {
        assertThat(image.path("failure").asText()).isNotBlank();
        continue;
      }
      assertThat(image.path("detections").isArray()).as("detections of %s", image).isTrue();
      for (JsonNode detection : image.path("detections")) {
        assertThat(detection.path("category").asText()).isIn("1", "2", "3");
        assertThat(detection.path("conf").asDouble()).isBetween(0.0, 1.0);
        JsonNode box = detection.path("bbox");
        assertThat(box.size()).isEqualTo(4);
        for (JsonNode v : box) {
          assertThat(v.asDouble()).isBetween(0.0, 1.0);
        }
      }
    }
    return new MdResults(root);
  }

  /** The {@code file} of every image entry, in order, duplicates kept. */
  public List<String> files() {
    List<String> files = new ArrayList<>();
    root.path("images").forEach(image -> files.add(image.path("file").asText()));
    return files;
  }

  public long failures() {
    long n = 0;
    for (JsonNode image : root.path("images")) {
      n += image.has("failure") ? 1 : 0;
    }
    return n;
  }

  public long detections() {
    long n = 0;
    for (JsonNode image : root.path("images")) {
      n += image.path("detections").size();
    }
    return n;
  }

  /** Files that appear more than once, with their counts. */
  public Map<String, Integer> duplicates() {
    Map<String, Integer> counts = new HashMap<>();
    files().forEach(f -> counts.merge(f, 1, Integer::sum));
    counts.values().removeIf(c -> c == 1);
    return counts;
  }

  /** Image entries beyond the first for the same file. */
  public int duplicateCount() {
    return files().size() - new java.util.HashSet<>(files()).size();
  }

  /** How many of {@code expected} have no entry. */
  public long lost(java.util.Set<String> expected) {
    java.util.Set<String> seen = new java.util.HashSet<>(files());
    return expected.stream().filter(name -> !seen.contains(name)).count();
  }

  public JsonNode json() {
    return root;
  }
}
