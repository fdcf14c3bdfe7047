package io.biotrack.species;

import java.util.List;

/**
 * The classifier's top labels for one crop, highest score first (SpeciesNet keeps 5).
 *
 * @param scores softmax scores, as doubles of the model's float32 values (as Python's {@code
 *     tolist()} gives them)
 */
public record Classifications(List<SpeciesLabel> labels, List<Double> scores) {
  public Classifications {
    labels = List.copyOf(labels);
    scores = List.copyOf(scores);
    if (labels.size() != scores.size() || labels.isEmpty()) {
      throw new IllegalArgumentException("need as many scores as labels, at least one");
    }
  }

  public SpeciesLabel top() {
    return labels.get(0);
  }

  public double topScore() {
    return scores.get(0);
  }
}
