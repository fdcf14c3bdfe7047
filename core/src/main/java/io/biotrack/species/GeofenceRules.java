package io.biotrack.species;

import java.util.List;
import java.util.Map;

/**
 * SpeciesNet's geofence file: taxa key → {@code {"allow": {ISO3: [admin1…]}, "block": {…}}}. {@link
 * #blocks} is {@code should_geofence_animal_classification}.
 */
public final class GeofenceRules {
  /** One taxon's rules; either map may be null (absent in the file). */
  public record Rule(Map<String, List<String>> allow, Map<String, List<String>> block) {}

  public static final GeofenceRules NONE = new GeofenceRules(Map.of());

  private final Map<String, Rule> rules;

  public GeofenceRules(Map<String, Rule> rules) {
    this.rules = Map.copyOf(rules);
  }

  /** Whether {@code label} must not be predicted in {@code region}. */
  public boolean blocks(SpeciesLabel label, Region region) {
    if (!region.hasCountry()) {
      return false;
    }
    Rule rule = rules.get(label.taxa());
    if (rule == null) {
      return false;
    }
    String country = region.country();
    String admin1 = region.admin1();
    if (rule.allow() != null && !rule.allow().isEmpty()) {
      List<String> allowedStates = rule.allow().get(country);
      if (!rule.allow().containsKey(country)) {
        return true;
      }
      if (admin1 != null
          && allowedStates != null
          && !allowedStates.isEmpty()
          && !allowedStates.contains(admin1)) {
        return true;
      }
    }
    if (rule.block() != null && !rule.block().isEmpty() && rule.block().containsKey(country)) {
      List<String> blockedStates = rule.block().get(country);
      if (blockedStates == null || blockedStates.isEmpty()) {
        return true;
      }
      return admin1 != null && blockedStates.contains(admin1);
    }
    return false;
  }
}
