package io.biotrack.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Standard condition bookkeeping: {@code lastTransitionTime} moves only when the status flips. */
final class Conditions {
  private Conditions() {}

  static List<Condition> merge(
      List<Condition> previous, List<Condition> next, Instant now, Long generation) {
    List<Condition> merged = new ArrayList<>(next.size());
    for (Condition condition : next) {
      Condition before = find(previous, condition.getType());
      boolean flipped =
          before == null || !Objects.equals(before.getStatus(), condition.getStatus());
      condition.setLastTransitionTime(flipped ? now.toString() : before.getLastTransitionTime());
      condition.setObservedGeneration(generation);
      merged.add(condition);
    }
    return merged;
  }

  static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
