package io.biotrack.results;

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
            .sorted(Comparator.comparing(ImageResult::file, FileOrder.CODE_POINTS))
            .toList();
    return new BatchResults(sorted, DetectionCategory.asMap(), info);
  }

}
