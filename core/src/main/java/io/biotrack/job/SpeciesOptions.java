package io.biotrack.job;

import io.biotrack.species.Region;

/**
 * A job's species classification choice: {@code "classify": true} runs the platform's SpeciesNet
 * classifier after detection; {@code country} (ISO-3166-1 alpha-3) and {@code admin1} (a US state)
 * say where the cameras are, for its geofence.
 */
@com.fasterxml.jackson.annotation.JsonInclude(
    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
public record SpeciesOptions(boolean classify, String country, String admin1) {
  public static final SpeciesOptions NONE = new SpeciesOptions(false, null, null);

  /**
   * Normalises the codes (upper case, blank is absent).
   *
   * @throws io.biotrack.species.InvalidRegionException for an unknown country or state
   * @throws IllegalArgumentException for a country without {@code classify}
   */
  public SpeciesOptions {
    Region region = Region.of(country, admin1);
    country = region.country();
    admin1 = region.admin1();
    if (!classify && country != null) {
      throw new IllegalArgumentException(
          "country and admin1 are for species classification: set \"classify\": true as well");
    }
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public Region region() {
    return new Region(country, admin1);
  }
}
