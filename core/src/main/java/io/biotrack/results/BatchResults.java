package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.biotrack.files.FileOrder;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MegaDetector batch output file (format 1.6): {@code images}, {@code detection_categories},
 * {@code info}, in that order, as {@code run_detector_batch.py} writes them.
 */
@JsonPropertyOrder({
  "images",
  "detection_categories",
  "classification_categories",
  "classification_category_descriptions",
  "info"
})
public record BatchResults(
    List<ImageResult> images,
    @JsonProperty("detection_categories") Map<String, String> detectionCategories,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("classification_categories")
        Map<String, String> classificationCategories,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("classification_category_descriptions")
        Map<String, String> classificationCategoryDescriptions,
    ResultsInfo info) {

  public BatchResults {
    images = List.copyOf(images);
    // Keeps the order given ("1", "2", "3").
    detectionCategories = Collections.unmodifiableMap(new LinkedHashMap<>(detectionCategories));
    classificationCategories = ordered(classificationCategories);
    classificationCategoryDescriptions = ordered(classificationCategoryDescriptions);
  }

  /** Detection results only, as {@code run_detector_batch.py} writes them. */
  public BatchResults(
      List<ImageResult> images, Map<String, String> detectionCategories, ResultsInfo info) {
    this(images, detectionCategories, null, null, info);
  }

  /** The same results with the classification categories they use (names and taxonomy strings). */
  public BatchResults withClassificationCategories(
      Map<String, String> names, Map<String, String> descriptions) {
    return new BatchResults(images, detectionCategories, names, descriptions, info);
  }

  /** Null stays null (not written); otherwise ids in numeric order. */
  private static Map<String, String> ordered(Map<String, String> categories) {
    if (categories == null) {
      return null;
    }
    Map<String, String> sorted = new java.util.TreeMap<>(Comparator.comparingLong(Long::parseLong));
    sorted.putAll(categories);
    return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /**
   * The output file for these image results: images sorted by file (code point order, as Python
   * sorts strings), {@code max_detection_conf} dropped, MegaDetector's categories.
   */
  public static BatchResults of(List<ImageResult> images, ResultsInfo info) {
    List<ImageResult> sorted =
        images.stream()
            .map(ImageResult::withoutMaxConf)
            .sorted(Comparator.comparing(ImageResult::file, FileOrder.CODE_POINTS))
            .toList();
    return new BatchResults(sorted, DetectionCategory.asMap(), info);
  }
}
