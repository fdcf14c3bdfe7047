package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One image's entry: a success has {@code detections} (possibly empty) and no {@code failure} key;
 * a failure has {@code failure} and {@code "detections": null}.
 *
 * @param maxDetectionConf written in checkpoints only (MegaDetector drops it from the output)
 * @param prediction SpeciesNet's per-image decision (a classification category id), with {@code
 *     prediction_score} and {@code prediction_source} (which ensemble rule decided): SpeciesNet's
 *     own names; format 1.6 has no field for it and its validator accepts extra keys on an image.
 *     All three null without a classifier.
 */
@JsonPropertyOrder({
  "file",
  "failure",
  "detections",
  "prediction",
  "prediction_score",
  "prediction_source",
  "max_detection_conf"
})
public record ImageResult(
    String file,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failure,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Detection> detections,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("max_detection_conf")
        Double maxDetectionConf,
    @JsonInclude(JsonInclude.Include.NON_NULL) String prediction,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("prediction_score")
        Double predictionScore,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("prediction_source")
        String predictionSource) {

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

  public ImageResult(
      String file, String failure, List<Detection> detections, Double maxDetectionConf) {
    this(file, failure, detections, maxDetectionConf, null, null, null);
  }

  public static ImageResult success(String file, List<Detection> detections) {
    return new ImageResult(file, null, detections, null);
  }

  public static ImageResult failure(String file, String failure) {
    return new ImageResult(file, failure, null, null);
  }

  /** The same entry with (classified) detections and the species ensemble's decision. */
  public ImageResult withSpecies(List<Detection> classified, SpeciesPrediction decision) {
    return decision == null
        ? new ImageResult(file, failure, classified, maxDetectionConf, null, null, null)
        : new ImageResult(
            file,
            failure,
            classified,
            maxDetectionConf,
            decision.category(),
            decision.score(),
            decision.source());
  }

  /** The species decision, or null when the image has none. */
  public SpeciesPrediction speciesPrediction() {
    return prediction == null
        ? null
        : new SpeciesPrediction(prediction, predictionScore, predictionSource);
  }

  public boolean failed() {
    return failure != null;
  }

  /** The same entry without {@code max_detection_conf}, as the final output file has it. */
  public ImageResult withoutMaxConf() {
    return maxDetectionConf == null
        ? this
        : new ImageResult(
            file, failure, detections, null, prediction, predictionScore, predictionSource);
  }

  /** The largest confidence among detections, 0.0 when none (MegaDetector's rule). */
  public double computeMaxConf() {
    if (detections == null) {
      return 0.0;
    }
    return detections.stream().mapToDouble(Detection::conf).max().orElse(0.0);
  }
}
