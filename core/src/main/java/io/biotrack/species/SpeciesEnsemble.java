package io.biotrack.species;

import io.biotrack.results.DetectionCategory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SpeciesNet's ensemble for one image ({@code combine_predictions_for_single_item} with {@code
 * geofence_animal_classification} and {@code roll_up_labels_to_first_matching_level}): the top
 * detection and the classifier's top 5 become one prediction. The rules and thresholds are
 * SpeciesNet's, in its order (docs/species.md); the first that fires decides.
 */
public final class SpeciesEnsemble {
  private static final List<TaxonomyLevel> ROLL_UP_LEVELS =
      List.of(
          TaxonomyLevel.GENUS,
          TaxonomyLevel.FAMILY,
          TaxonomyLevel.ORDER,
          TaxonomyLevel.CLASS,
          TaxonomyLevel.KINGDOM);
  private static final List<TaxonomyLevel> GEOFENCE_ROLL_UP_LEVELS =
      List.of(
          TaxonomyLevel.FAMILY, TaxonomyLevel.ORDER, TaxonomyLevel.CLASS, TaxonomyLevel.KINGDOM);
  private static final double ROLL_UP_THRESHOLD = 0.65;

  private final Taxonomy taxonomy;
  private final GeofenceRules geofence;

  public SpeciesEnsemble(Taxonomy taxonomy, GeofenceRules geofence) {
    this.taxonomy = taxonomy;
    this.geofence = geofence;
  }

  /**
   * @param topDetection the image's most confident detection's category, or null when it has none
   *     (SpeciesNet then takes "animal" with confidence 0)
   * @param topConf that detection's confidence
   */
  public EnsemblePrediction combine(
      Classifications c, DetectionCategory topDetection, double topConf, Region region) {
    DetectionCategory det = topDetection == null ? DetectionCategory.ANIMAL : topDetection;
    double detScore = topDetection == null ? 0.0 : topConf;
    SpeciesLabel top = c.top();
    double score = c.topScore();

    if (det == DetectionCategory.PERSON) {
      if (detScore > 0.7) {
        return new EnsemblePrediction(SpeciesLabel.HUMAN, detScore, "detector");
      }
      if (detScore > 0.2
          && (top.equals(SpeciesLabel.HUMAN) || top.equals(SpeciesLabel.VEHICLE))
          && score > 0.5) {
        return new EnsemblePrediction(SpeciesLabel.HUMAN, score, "classifier");
      }
    }
    if (det == DetectionCategory.VEHICLE) {
      if (detScore > 0.2 && top.equals(SpeciesLabel.HUMAN) && score > 0.5) {
        return new EnsemblePrediction(SpeciesLabel.HUMAN, score, "classifier");
      }
      if (detScore > 0.7) {
        return new EnsemblePrediction(SpeciesLabel.VEHICLE, detScore, "detector");
      }
      if (detScore > 0.2 && top.equals(SpeciesLabel.VEHICLE) && score > 0.4) {
        return new EnsemblePrediction(SpeciesLabel.VEHICLE, score, "classifier");
      }
    }
    if (detScore < 0.2 && top.equals(SpeciesLabel.BLANK) && score > 0.5) {
      return new EnsemblePrediction(SpeciesLabel.BLANK, score, "classifier");
    }
    if (top.equals(SpeciesLabel.BLANK) && score > 0.99) {
      return new EnsemblePrediction(SpeciesLabel.BLANK, score, "classifier");
    }
    boolean animalClass =
        !top.equals(SpeciesLabel.BLANK)
            && !top.equals(SpeciesLabel.HUMAN)
            && !top.equals(SpeciesLabel.VEHICLE);
    if (animalClass
        && (score > 0.8 || (score > 0.65 && det == DetectionCategory.ANIMAL && detScore > 0.2))) {
      return geofenced(c, region);
    }
    Optional<EnsemblePrediction> rollUp = rollUp(c, region, ROLL_UP_LEVELS, ROLL_UP_THRESHOLD);
    if (rollUp.isPresent()) {
      return rollUp.get();
    }
    if (det == DetectionCategory.ANIMAL && detScore > 0.5) {
      return new EnsemblePrediction(SpeciesLabel.ANIMAL, detScore, "detector");
    }
    return new EnsemblePrediction(SpeciesLabel.UNKNOWN, score, "classifier");
  }

  /**
   * The top label, unless the geofence blocks it where the camera is: then the first ancestor
   * (family and up) that is allowed there, scored by the summed scores it covers.
   */
  public EnsemblePrediction geofenced(Classifications c, Region region) {
    if (!geofence.blocks(c.top(), region)) {
      return new EnsemblePrediction(c.top(), c.topScore(), "classifier");
    }
    // SpeciesNet forces the roll-up to pass by asking for just under the top score.
    return rollUp(c, region, GEOFENCE_ROLL_UP_LEVELS, c.topScore() - 1e-10)
        .map(
            r ->
                new EnsemblePrediction(
                    r.label(),
                    r.score(),
                    "classifier+geofence+" + r.source().substring("classifier+".length())))
        .orElse(
            new EnsemblePrediction(
                SpeciesLabel.UNKNOWN, c.topScore(), "classifier+geofence+rollup_failed"));
  }

  /**
   * At each level in turn, the scores of the labels summed per ancestor; the first level whose best
   * allowed ancestor passes {@code threshold} gives the prediction.
   */
  public Optional<EnsemblePrediction> rollUp(
      Classifications c, Region region, List<TaxonomyLevel> levels, double threshold) {
    for (TaxonomyLevel level : levels) {
      // Insertion order, as Python's dict: on equal sums the first ancestor met wins.
      Map<SpeciesLabel, Double> sums = new LinkedHashMap<>();
      for (int i = 0; i < c.labels().size(); i++) {
        double s = c.scores().get(i);
        taxonomy.ancestor(c.labels().get(i), level).ifPresent(a -> sums.merge(a, s, Double::sum));
      }
      SpeciesLabel best = null;
      double bestScore = 0.0;
      for (Map.Entry<SpeciesLabel, Double> e : sums.entrySet()) {
        if (e.getValue() > bestScore && !geofence.blocks(e.getKey(), region)) {
          best = e.getKey();
          bestScore = e.getValue();
        }
      }
      if (best != null && bestScore > threshold) {
        return Optional.of(
            new EnsemblePrediction(best, bestScore, "classifier+rollup_to_" + level.sourceName()));
      }
    }
    return Optional.empty();
  }
}
