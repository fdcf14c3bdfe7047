package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** The {@code info} block of a MegaDetector batch output file. */
@JsonPropertyOrder({
  "detection_completion_time",
  "format_version",
  "detector",
  "detector_metadata",
  "classifier",
  "classification_completion_time",
  "classifier_metadata"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsInfo(
    @JsonProperty("detection_completion_time") String detectionCompletionTime,
    @JsonProperty("format_version") String formatVersion,
    String detector,
    @JsonProperty("detector_metadata") Map<String, Object> detectorMetadata,
    String classifier,
    @JsonProperty("classification_completion_time") String classificationCompletionTime,
    @JsonProperty("classifier_metadata") Map<String, Object> classifierMetadata) {

  public static final String FORMAT_VERSION = "1.6";

  /** Detection only. */
  public ResultsInfo(
      String detectionCompletionTime, String formatVersion, String detector, Map<String, Object> detectorMetadata) {
    this(detectionCompletionTime, formatVersion, detector, detectorMetadata, null, null, null);
  }

  /**
   * The same block naming the classifier as {@code run_md_and_speciesnet.py} does ({@code
   * classifier}, {@code classification_completion_time}), with its metadata.
   */
  public ResultsInfo withClassifier(String name, String completionTime, Map<String, Object> metadata) {
    return new ResultsInfo(
        detectionCompletionTime, formatVersion, detector, detectorMetadata, name, completionTime, metadata);
  }
}
