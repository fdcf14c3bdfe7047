package io.biotrack.species;

import java.util.List;
import java.util.Objects;

/**
 * One SpeciesNet label: seven {@code ;}-separated fields, {@code
 * uuid;class;order;family;genus;species;common name} (empty fields for ranks that do not apply), as
 * SpeciesNet's labels and taxonomy files hold them, one a line.
 */
public record SpeciesLabel(String value) {
  public static final SpeciesLabel BLANK =
      new SpeciesLabel("f1856211-cfb7-4a5b-9158-c0f72fd09ee6;;;;;;blank");
  public static final SpeciesLabel ANIMAL =
      new SpeciesLabel("1f689929-883d-4dae-958c-3d57ab5b6c16;;;;;;animal");
  public static final SpeciesLabel HUMAN =
      new SpeciesLabel(
          "990ae9dd-7a59-4344-afcb-1b7b21368000;mammalia;primates;hominidae;homo;sapiens;human");
  public static final SpeciesLabel VEHICLE =
      new SpeciesLabel("e2895ed5-780b-48f6-8a11-9e27cb594511;;;;;;vehicle");
  public static final SpeciesLabel UNKNOWN =
      new SpeciesLabel(
          "f2efdae9-efb8-48fb-8a91-eccf79ab4ffb;no cv result;no cv result;no cv result;no cv"
              + " result;no cv result;no cv result");

  public SpeciesLabel {
    Objects.requireNonNull(value, "value");
    if (value.split(";", -1).length != 7) {
      throw new IllegalArgumentException(
          "a SpeciesNet label has 7 fields separated by ';' (uuid;class;order;family;genus;species;"
              + "common name), this one has "
              + value.split(";", -1).length
              + ": "
              + value);
    }
  }

  /** The seven fields. */
  public List<String> fields() {
    return List.of(value.split(";", -1));
  }

  /** {@code class;order;family;genus;species}: the key of the taxonomy and geofence maps. */
  public String taxa() {
    return String.join(";", fields().subList(1, 6));
  }

  /**
   * The name MegaDetector writes in {@code classification_categories} ({@code
   * get_common_name_from_prediction_string}): the common name, else "genus species", else "genus
   * species" for a genus ("vulpes species"), "X family", "X order", "X class", "uuid category".
   */
  public String commonName() {
    List<String> t = fields().stream().map(String::strip).toList();
    for (int i = 6; i >= 0; i--) {
      String token = t.get(i);
      if (token.isEmpty()) {
        continue;
      }
      return switch (i) {
        case 6 -> token;
        case 5 -> t.get(4).isEmpty() ? token : t.get(4) + " " + token;
        case 4 -> token + " species";
        case 3 -> token + " family";
        case 2 -> token + " order";
        case 1 -> token + " class";
        default -> token + " category";
      };
    }
    return "empty_prediction_string";
  }

  @Override
  public String toString() {
    return value;
  }
}
