package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One detection as MegaDetector writes it.
 *
 * @param category "1" animal, "2" person, "3" vehicle
 * @param conf confidence, truncated to 3 decimals
 * @param bbox {@code [x_min, y_min, width, height]} normalised to the (EXIF-rotated) image,
 *     truncated to 4 decimals
 * @param classifications the species classifier's top scores for this detection's crop, highest
 *     first; null (not written) when it was not classified
 */
@JsonPropertyOrder({"category", "conf", "bbox", "classifications"})
public record Detection(
    String category,
    double conf,
    List<Double> bbox,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<ClassScore> classifications) {
  public Detection {
    Objects.requireNonNull(category, "category");
    bbox = List.copyOf(bbox);
    classifications = classifications == null ? null : List.copyOf(classifications);
    if (bbox.size() != 4) {
      throw new IllegalArgumentException("bbox needs 4 values, had " + bbox.size());
    }
  }

  /** A detection nobody classified. */
  public Detection(String category, double conf, List<Double> bbox) {
    this(category, conf, bbox, null);
  }

  /** The same detection with the classifier's top scores, highest first. */
  public Detection withClassifications(List<ClassScore> scores) {
    return new Detection(category, conf, bbox, scores);
  }

  public DetectionCategory categoryEnum() {
    return DetectionCategory.ofId(category);
  }
}
