package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One image's entry: a success has {@code detections} (possibly empty) and no {@code failure}
 * key; a failure has {@code failure} and {@code "detections": null}.
 *
 * @param maxDetectionConf written in checkpoints only (MegaDetector drops it from the output)
 */
@JsonPropertyOrder({"file", "failure", "detections", "max_detection_conf"})
public record ImageResult(
    String file,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failure,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Detection> detections,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("max_detection_conf")
        Double maxDetectionConf) {

  /** MegaDetector's string for a file that cannot be opened, identified or decoded. */
  public static final String FAILURE_IMAGE_ACCESS = "image access failure";

  /** MegaDetector's string for an error in the forward pass or post-processing. */
  public static final String FAILURE_INFERENCE = "inference failure";

  public ImageResult {
    Objects.requireNonNull(file, "file");
    if ((failure == null) == (detections == null)) {
      throw new IllegalArgumentException("an image has either detections or a failure");
    }
    detections = detections == null ? null : List.copyOf(detections);
  }

  public static ImageResult success(String file, List<Detection> detections) {
    return new ImageResult(file, null, detections, null);
  }

  public static ImageResult failure(String file, String failure) {
    return new ImageResult(file, failure, null, null);
  }

  public boolean failed() {
    return failure != null;
  }

  /** The same entry without {@code max_detection_conf}, as the final output file has it. */
  public ImageResult withoutMaxConf() {
    return maxDetectionConf == null ? this : new ImageResult(file, failure, detections, null);
  }

  /** The largest confidence among detections, 0.0 when none (MegaDetector's rule). */
  public double computeMaxConf() {
    if (detections == null) {
      return 0.0;
    }
    return detections.stream().mapToDouble(Detection::conf).max().orElse(0.0);
  }
}
