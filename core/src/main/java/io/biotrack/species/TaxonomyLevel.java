package io.biotrack.species;

import java.util.List;

/** The ranks SpeciesNet rolls scores up to ({@code taxonomy_utils.get_ancestor_at_level}). */
public enum TaxonomyLevel {
  SPECIES,
  GENUS,
  FAMILY,
  ORDER,
  CLASS,
  KINGDOM;

  /** The name SpeciesNet uses in {@code prediction_source}, e.g. {@code rollup_to_genus}. */
  public String sourceName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The taxa key ({@code class;order;family;genus;species}) of {@code label}'s ancestor at this
   * level, or null when the label has no rank there (its field is empty).
   */
  String ancestorKey(SpeciesLabel label) {
    List<String> p = label.fields();
    return switch (this) {
      case SPECIES -> p.get(5).isEmpty() ? null : String.join(";", p.subList(1, 6));
      case GENUS -> p.get(4).isEmpty() ? null : String.join(";", p.subList(1, 5)) + ";";
      case FAMILY -> p.get(3).isEmpty() ? null : String.join(";", p.subList(1, 4)) + ";;";
      case ORDER -> p.get(2).isEmpty() ? null : String.join(";", p.subList(1, 3)) + ";;;";
      case CLASS -> p.get(1).isEmpty() ? null : p.get(1) + ";;;;";
      // Every animal label has the kingdom ("animal") as ancestor, and so has "animal" itself.
      case KINGDOM -> p.get(1).isEmpty() && !label.equals(SpeciesLabel.ANIMAL) ? null : ";;;;";
    };
  }
}
