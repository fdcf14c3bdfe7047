package io.biotrack.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import io.biotrack.species.SpeciesLabel;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A results file's {@code classification_categories} (id → name) and {@code
 * classification_category_descriptions} (id → SpeciesNet's 7-field label), both empty for a file
 * without a classifier.
 *
 * <p>Read on their own ({@link #read}) because they come after the {@code images} array
 * (MegaDetector's order) while exports need them before the first row: the array is skipped token
 * by token, so memory stays constant whatever the file's size, at the cost of one more pass.
 */
public record ClassificationNames(Map<String, String> names, Map<String, String> descriptions) {
  public static final ClassificationNames NONE = new ClassificationNames(Map.of(), Map.of());

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  public ClassificationNames {
    names = Map.copyOf(names);
    descriptions = Map.copyOf(descriptions);
  }

  /**
   * @param json a results file, closed here @throws IOException if it is not a JSON object
   */
  public static ClassificationNames read(InputStream json) throws IOException {
    Map<String, String> names = Map.of();
    Map<String, String> descriptions = Map.of();
    try (JsonParser parser = ResultsJson.mapper().getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("results are not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT && field.equals("classification_categories")) {
          names = parser.readValueAs(STRING_MAP);
        } else if (value == JsonToken.START_OBJECT
            && field.equals("classification_category_descriptions")) {
          descriptions = parser.readValueAs(STRING_MAP);
        } else {
          parser.skipChildren();
        }
      }
    }
    return new ClassificationNames(names, descriptions);
  }

  /**
   * What a person reads for a category: SpeciesNet's full label when the file describes it (it
   * names the taxon unambiguously), else the category's name, else the id itself.
   */
  public String label(String id) {
    String description = descriptions.get(id);
    if (description != null) {
      return description;
    }
    return names.getOrDefault(id, id);
  }

  /** The name the file gives the category ({@code classification_categories}), else the id. */
  public String name(String id) {
    return names.getOrDefault(id, id);
  }

  /**
   * The common name (the label's 7th field) when the taxonomy has one, else "" (a genus, a family
   * or a label that is not SpeciesNet's 7-field form).
   */
  public String commonName(String id) {
    String description = descriptions.get(id);
    if (description == null) {
      return "";
    }
    try {
      return new SpeciesLabel(description).fields().get(6).strip();
    } catch (IllegalArgumentException notSpeciesNet) {
      return "";
    }
  }
}
