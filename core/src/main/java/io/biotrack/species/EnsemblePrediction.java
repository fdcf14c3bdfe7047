package io.biotrack.species;

/**
 * SpeciesNet's decision for one image: the label, its score and which rule gave it ({@code
 * prediction_source}: {@code detector}, {@code classifier}, {@code classifier+rollup_to_genus},
 * {@code classifier+geofence+rollup_to_family}, …).
 */
public record EnsemblePrediction(SpeciesLabel label, double score, String source) {}
