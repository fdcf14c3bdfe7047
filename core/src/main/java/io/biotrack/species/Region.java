package io.biotrack.species;

import java.util.Locale;
import java.util.Set;

/**
 * Where the camera is, for SpeciesNet's geofence: an ISO-3166-1 alpha-3 country ({@code USA},
 * {@code KEN}) and, in the USA only, a state's two-letter code ({@code CA}), as SpeciesNet's {@code
 * --country} and {@code --admin1_region} take them. {@link #NOWHERE}: no geofence.
 */
public record Region(String country, String admin1) {
  public static final Region NOWHERE = new Region(null, null);

  private static final Set<String> COUNTRIES =
      Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));

  /** The 50 states and DC (ISO 3166-2:US subdivision codes without the {@code US-} prefix). */
  private static final Set<String> US_STATES =
      Set.of(
          "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
          "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
          "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
          "VA", "WA", "WV", "WI", "WY", "DC");

  /**
   * Validates and upper-cases the codes; null or blank means "not given".
   *
   * @throws InvalidRegionException with a sentence that says which value is wrong and what to use
   */
  public static Region of(String country, String admin1) {
    String c = normalise(country);
    String a = normalise(admin1);
    if (c == null) {
      if (a != null) {
        throw new InvalidRegionException(
            "a state (admin1 \"" + admin1 + "\") needs its country: give country USA as well");
      }
      return NOWHERE;
    }
    if (!COUNTRIES.contains(c)) {
      throw new InvalidRegionException(
          "unknown country \""
              + country
              + "\": use an ISO-3166-1 alpha-3 code such as USA, KEN or BRA");
    }
    if (a != null) {
      if (!c.equals("USA")) {
        throw new InvalidRegionException(
            "admin1 \""
                + admin1
                + "\" is only used with country USA (SpeciesNet's geofence has US"
                + " states only); leave it out for "
                + c);
      }
      if (!US_STATES.contains(a)) {
        throw new InvalidRegionException(
            "unknown US state \"" + admin1 + "\": use a two-letter code such as CA, NY or TX");
      }
    }
    return new Region(c, a);
  }

  public boolean hasCountry() {
    return country != null;
  }

  private static String normalise(String value) {
    return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
  }
}
