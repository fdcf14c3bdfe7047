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
  "detector_metadata"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsInfo(
    @JsonProperty("detection_completion_time") String detectionCompletionTime,
    @JsonProperty("format_version") String formatVersion,
    String detector,
    @JsonProperty("detector_metadata") Map<String, Object> detectorMetadata) {

  public static final String FORMAT_VERSION = "1.6";
}
