package io.biotrack.results;

import java.util.Objects;

/**
 * SpeciesNet's per-image decision as written on an image entry: {@code prediction} (a
 * classification category id), {@code prediction_score} (3 digits) and {@code prediction_source}
 * (which ensemble rule decided).
 */
public record SpeciesPrediction(String category, double score, String source) {
  public SpeciesPrediction {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(source, "source");
  }
}
