package io.biotrack.results;

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
 */
@JsonPropertyOrder({"category", "conf", "bbox"})
public record Detection(String category, double conf, List<Double> bbox) {
  public Detection {
    Objects.requireNonNull(category, "category");
    bbox = List.copyOf(bbox);
    if (bbox.size() != 4) {
      throw new IllegalArgumentException("bbox needs 4 values, had " + bbox.size());
    }
  }

  public DetectionCategory categoryEnum() {
    return DetectionCategory.ofId(category);
  }
}
