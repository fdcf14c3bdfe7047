package io.biotrack.results;

import java.util.List;
import java.util.Objects;

/**
 * Which detections an export or a summary counts: those at or above a threshold, less any the user
 * has set aside (detections confirmed as repeats of one rock or branch).
 *
 * @param threshold 0 to 1; detections with a lower confidence are left out
 * @param setAside detections left out whatever their confidence
 */
public record DetectionFilter(double threshold, SetAside setAside) {

  /** Detections an export leaves out of one image. */
  @FunctionalInterface
  public interface SetAside {
    SetAside NONE = (file, detection) -> false;

    boolean contains(String file, Detection detection);
  }

  public DetectionFilter {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be between 0 and 1");
    }
    Objects.requireNonNull(setAside, "setAside");
  }

  public static DetectionFilter atLeast(double threshold) {
    return new DetectionFilter(threshold, SetAside.NONE);
  }

  /** This filter's threshold, setting {@code other} aside instead. */
  public DetectionFilter withSetAside(SetAside other) {
    return new DetectionFilter(threshold, other);
  }

  /** The image's detections this filter keeps, in their order; empty for a failure. */
  public List<Detection> kept(ImageResult image) {
    if (image.failed()) {
      return List.of();
    }
    return image.detections().stream()
        .filter(d -> d.conf() >= threshold && !setAside.contains(image.file(), d))
        .toList();
  }
}
