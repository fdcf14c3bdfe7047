package io.biotrack.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a file against the MegaDetector batch output format 1.6, the rules of MegaDetector's
 * {@code validate_batch_results.py}: required keys, string format version, non-blank category
 * names, float confidences, 4-number boxes in [0, 1], failures with {@code "detections": null},
 * images sorted by file.
 */
public final class MdFormat {
  private MdFormat() {}

  public static JsonNode assertValid(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    JsonNode classes = root.get("classification_categories");
    if (classes == null) {
      assertThat(keys).containsExactly("images", "detection_categories", "info");
    } else {
      // As validate_batch_results: string ids of non-negative ints, non-blank names, and the
      // descriptions (taxonomy strings) for the same ids.
      assertThat(keys)
          .containsExactly(
              "images",
              "detection_categories",
              "classification_categories",
              "classification_category_descriptions",
              "info");
      classes
          .fields()
          .forEachRemaining(
              e -> {
                assertThat(e.getKey()).matches("\\d+");
                assertThat(e.getValue().asText()).isNotBlank();
                assertThat(root.get("classification_category_descriptions").has(e.getKey()))
                    .isTrue();
              });
    }

    JsonNode info = root.get("info");
    assertThat(info.get("format_version").isTextual()).isTrue();
    assertThat(info.get("format_version").asText()).isEqualTo("1.6");
    assertThat(info.get("detector").asText()).isNotBlank();
    assertThat(info.get("detection_completion_time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(info.get("detector_metadata").isObject()).isTrue();

    JsonNode categories = root.get("detection_categories");
    assertThat(categories.get("1").asText()).isEqualTo("animal");
    assertThat(categories.get("2").asText()).isEqualTo("person");
    assertThat(categories.get("3").asText()).isEqualTo("vehicle");

    String previous = null;
    for (JsonNode image : root.get("images")) {
      String name = image.get("file").asText();
      assertThat(name).doesNotContain("\\").doesNotStartWith("/");
      if (previous != null) {
        assertThat(io.biotrack.files.FileOrder.compare(previous, name)).isNegative();
      }
      previous = name;
      if (image.has("failure")) {
        assertThat(image.get("failure").asText()).isNotBlank();
        assertThat(image.get("detections").isNull()).as(name).isTrue();
        continue;
      }
      assertThat(image.get("detections").isArray()).as(name).isTrue();
      for (JsonNode d : image.get("detections")) {
        assertThat(categories.has(d.get("category").asText())).isTrue();
        assertThat(d.get("conf").isFloatingPointNumber()).as("conf is a float").isTrue();
        assertThat(d.get("conf").asDouble()).isBetween(0.0, 1.0);
        assertThat(d.get("bbox")).hasSize(4);
        for (JsonNode v : d.get("bbox")) {
          assertThat(v.isNumber()).isTrue();
          assertThat(v.asDouble()).isBetween(0.0, 1.0);
        }
        if (d.has("classifications")) {
          double before = 1.0;
          for (JsonNode c : d.get("classifications")) {
            assertThat(classes.has(c.get(0).asText()))
                .as("classification category listed")
                .isTrue();
            assertThat(c.get(1).asDouble()).isBetween(0.0, before);
            before = c.get(1).asDouble();
          }
        }
      }
    }
    return root;
  }
}
