package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The {@code info} block of a MegaDetector batch output file. {@code inference} is Biotrack's own
 * addition (MegaDetector's readers ignore keys they do not know): where the model ran and how many
 * images went through it at once, {@code {"device": "cuda:0", "batch_size": 8}}.
 */
@JsonPropertyOrder({
  "detection_completion_time",
  "format_version",
  "detector",
  "detector_metadata",
  "classifier",
  "classification_completion_time",
  "classifier_metadata",
  "inference"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsInfo(
    @JsonProperty("detection_completion_time") String detectionCompletionTime,
    @JsonProperty("format_version") String formatVersion,
    String detector,
    @JsonProperty("detector_metadata") Map<String, Object> detectorMetadata,
    Map<String, Object> inference,
    String classifier,
    @JsonProperty("classification_completion_time") String classificationCompletionTime,
    @JsonProperty("classifier_metadata") Map<String, Object> classifierMetadata) {

  public static final String FORMAT_VERSION = "1.6";

  /** Detection only, without {@code inference}. */
  public ResultsInfo(
      String detectionCompletionTime,
      String formatVersion,
      String detector,
      Map<String, Object> detectorMetadata) {
    this(detectionCompletionTime, formatVersion, detector, detectorMetadata, null);
  }

  /** Detection only. */
  public ResultsInfo(
      String detectionCompletionTime,
      String formatVersion,
      String detector,
      Map<String, Object> detectorMetadata,
      Map<String, Object> inference) {
    this(
        detectionCompletionTime,
        formatVersion,
        detector,
        detectorMetadata,
        inference,
        null,
        null,
        null);
  }

  /**
   * {@code inference}'s value for a model on {@code device} given {@code batchSize} images at once.
   */
  public static Map<String, Object> inference(String device, int batchSize) {
    Map<String, Object> inference = new java.util.LinkedHashMap<>();
    inference.put("device", device);
    inference.put("batch_size", batchSize);
    return inference;
  }

  /**
   * The same block naming the classifier as {@code run_md_and_speciesnet.py} does ({@code
   * classifier}, {@code classification_completion_time}), with its metadata.
   */
  public ResultsInfo withClassifier(
      String name, String completionTime, Map<String, Object> metadata) {
    return new ResultsInfo(
        detectionCompletionTime,
        formatVersion,
        detector,
        detectorMetadata,
        inference,
        name,
        completionTime,
        metadata);
  }
}
