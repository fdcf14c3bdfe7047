package io.biotrack.results;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of a detection's {@code classifications}: {@code ["3", 0.901]}, a classification
 * category id and its score rounded to 3 digits (MegaDetector format 1.6).
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"category", "conf"})
public record ClassScore(String category, double conf) {}
