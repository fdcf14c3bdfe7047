package io.biotrack.species;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SpeciesNet's taxonomy map (taxa key → label) as {@code SpeciesNetEnsemble.load_taxonomy} builds
 * it from the taxonomy file: blank, vehicle and unknown are not roll-up targets; human and animal
 * always are.
 */
public final class Taxonomy {
  private final Map<String, SpeciesLabel> byTaxa;

  private Taxonomy(Map<String, SpeciesLabel> byTaxa) {
    this.byTaxa = byTaxa;
  }

  public static Taxonomy of(List<SpeciesLabel> labels) {
    Map<String, SpeciesLabel> map = new HashMap<>();
    for (SpeciesLabel label : labels) {
      map.put(label.taxa(), label);
    }
    for (SpeciesLabel removed :
        List.of(SpeciesLabel.BLANK, SpeciesLabel.VEHICLE, SpeciesLabel.UNKNOWN)) {
      map.remove(removed.taxa());
    }
    for (SpeciesLabel added : List.of(SpeciesLabel.HUMAN, SpeciesLabel.ANIMAL)) {
      map.put(added.taxa(), added);
    }
    return new Taxonomy(map);
  }

  /** {@code label}'s ancestor at {@code level}, when the taxonomy has it. */
  public Optional<SpeciesLabel> ancestor(SpeciesLabel label, TaxonomyLevel level) {
    String key = level.ancestorKey(label);
    return key == null ? Optional.empty() : Optional.ofNullable(byTaxa.get(key));
  }
}
