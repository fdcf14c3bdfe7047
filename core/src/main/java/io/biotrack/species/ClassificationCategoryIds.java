package io.biotrack.species;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Classification category ids for format 1.6. MegaDetector's runner numbers categories in order of
 * first use; Biotrack's shards run apart and are joined later, so ids must not depend on which
 * shard saw what first: a label's id is its line in the classifier's labels file (0-based), a taxon
 * only in the taxonomy file (a roll-up target) comes after them by its line there, and the
 * ensemble's special labels, if in neither, last. Ids need not be contiguous (format 1.6).
 */
public final class ClassificationCategoryIds {
  private final Map<SpeciesLabel, String> ids = new HashMap<>();
  private final Map<String, SpeciesLabel> labels = new HashMap<>();

  public ClassificationCategoryIds(
      List<SpeciesLabel> classifierLabels, List<SpeciesLabel> taxonomy) {
    int next = 0;
    for (SpeciesLabel l : classifierLabels) {
      add(l, next++);
    }
    for (SpeciesLabel l : taxonomy) {
      add(l, next++);
    }
    for (SpeciesLabel l :
        List.of(
            SpeciesLabel.BLANK,
            SpeciesLabel.ANIMAL,
            SpeciesLabel.HUMAN,
            SpeciesLabel.VEHICLE,
            SpeciesLabel.UNKNOWN)) {
      add(l, next++);
    }
  }

  private void add(SpeciesLabel label, int id) {
    if (!ids.containsKey(label)) {
      ids.put(label, Integer.toString(id));
      labels.put(Integer.toString(id), label);
    }
  }

  public String id(SpeciesLabel label) {
    String id = ids.get(label);
    if (id == null) {
      throw new IllegalArgumentException(
          "label in neither the labels nor the taxonomy file: " + label);
    }
    return id;
  }

  /** {@code classification_categories} for {@code used}: id → common name, in id order. */
  public Map<String, String> names(Set<String> used) {
    return collect(used, SpeciesLabel::commonName);
  }

  /** {@code classification_category_descriptions} for {@code used}: id → the full 7-field label. */
  public Map<String, String> descriptions(Set<String> used) {
    return collect(used, SpeciesLabel::value);
  }

  private Map<String, String> collect(
      Set<String> used, java.util.function.Function<SpeciesLabel, String> f) {
    Map<Integer, String> sorted = new TreeMap<>();
    for (String id : used) {
      SpeciesLabel label = labels.get(id);
      if (label != null) {
        sorted.put(Integer.parseInt(id), f.apply(label));
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    sorted.forEach((k, v) -> out.put(Integer.toString(k), v));
    return out;
  }
}
