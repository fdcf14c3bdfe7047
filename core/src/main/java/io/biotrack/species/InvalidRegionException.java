package io.biotrack.species;

/** A country or state code SpeciesNet's geofence does not know; the message says which. */
public final class InvalidRegionException extends IllegalArgumentException {
  public InvalidRegionException(String message) {
    super(message);
  }
}
