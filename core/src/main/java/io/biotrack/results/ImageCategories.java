package io.biotrack.results;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one image holds at a threshold: the detections at or above it, per category their count and
 * highest confidence, and the folder MegaDetector's {@code separate_detections_into_folders} would
 * put the image in: the categories found, in the order animal, person, vehicle (which is also their
 * alphabetical order, as MegaDetector sorts them), joined with {@code _}; {@code empty} when none;
 * {@code processing_failure} for an image that could not be processed. (That script names
 * single-category folders in the plural, {@code animals}; here the folder is always the category's
 * own name, the same word the API filters by.)
 */
public final class ImageCategories {
  public static final String EMPTY = "empty";
  public static final String FAILURE = "processing_failure";

  private final ImageResult image;
  private final List<Detection> kept;
  private final Map<DetectionCategory, Integer> counts = new EnumMap<>(DetectionCategory.class);
  private final Map<DetectionCategory, Double> maxConf = new EnumMap<>(DetectionCategory.class);

  private ImageCategories(ImageResult image, List<Detection> kept) {
    this.image = image;
    this.kept = kept;
    for (Detection d : kept) {
      DetectionCategory category = known(d.category());
      if (category != null) {
        counts.merge(category, 1, Integer::sum);
        maxConf.merge(category, d.conf(), Math::max);
      }
    }
  }

  /** The image's detections at or above {@code threshold} (0 to 1). */
  public static ImageCategories of(ImageResult image, double threshold) {
    return of(image, DetectionFilter.atLeast(threshold));
  }

  public static ImageCategories of(ImageResult image, DetectionFilter filter) {
    return new ImageCategories(image, filter.kept(image));
  }

  public ImageResult image() {
    return image;
  }

  public boolean failed() {
    return image.failed();
  }

  /** The detections kept; empty for a failure. */
  public List<Detection> kept() {
    return kept;
  }

  public int count(DetectionCategory category) {
    return counts.getOrDefault(category, 0);
  }

  /** The highest confidence of a kept detection of {@code category}; null when none. */
  public Double maxConf(DetectionCategory category) {
    return maxConf.get(category);
  }

  /** The categories with at least one kept detection, in category order. */
  public Set<DetectionCategory> found() {
    return counts.isEmpty() ? Set.of() : EnumSet.copyOf(counts.keySet());
  }

  /** {@code animal}, {@code animal_person}, …, {@code empty} or {@code processing_failure}. */
  public String folder() {
    if (failed()) {
      return FAILURE;
    }
    if (counts.isEmpty()) {
      return EMPTY;
    }
    return found().stream().map(DetectionCategory::label).collect(Collectors.joining("_"));
  }

  /** A category MegaDetector v5 writes; null for anything else (left out, as MegaDetector does). */
  private static DetectionCategory known(String id) {
    for (DetectionCategory c : DetectionCategory.values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
