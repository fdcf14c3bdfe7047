package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MegaDetector batch output file (format 1.6): {@code images}, {@code detection_categories},
 * {@code info}, in that order, as {@code run_detector_batch.py} writes them.
 */
@JsonPropertyOrder({"images", "detection_categories", "info"})
public record BatchResults(
    List<ImageResult> images,
    @JsonProperty("detection_categories") Map<String, String> detectionCategories,
    ResultsInfo info) {

  public BatchResults {
    images = List.copyOf(images);
    // Keeps the order given ("1", "2", "3").
    detectionCategories = Collections.unmodifiableMap(new LinkedHashMap<>(detectionCategories));
  }

  /**
   * The output file for these image results: images sorted by file (code point order, as
   * Python sorts strings), {@code max_detection_conf} dropped, MegaDetector's categories.
   */
  public static BatchResults of(List<ImageResult> images, ResultsInfo info) {
    List<ImageResult> sorted =
        images.stream()
            .map(ImageResult::withoutMaxConf)
            .sorted(Comparator.comparing(ImageResult::file, BatchResults::compareCodePoints))
            .toList();
    return new BatchResults(sorted, DetectionCategory.asMap(), info);
  }

  /** Python's string order (by code point), not Java's UTF-16 order. */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
